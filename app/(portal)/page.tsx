import { HomeView } from '@/components/catalog/home-view';
import { currentUser } from '@/lib/auth/current-user';
import { db } from '@/lib/db';
import { recentProducts } from '@/lib/products/catalog';

export default async function HomePage() {
  const [user, products] = await Promise.all([currentUser(), recentProducts(db(), 6)]);
  return <HomeView products={products} signedIn={!!user} />;
}
