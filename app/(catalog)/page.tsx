import { HomeView } from '@/components/catalog/home-view';
import { db } from '@/lib/db';
import { recentProducts } from '@/lib/products/catalog';

export default async function HomePage() {
  return <HomeView products={await recentProducts(db(), 6)} />;
}
