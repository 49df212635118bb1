/** What the portal keeps of a secret: its last four characters, to tell secrets apart. */
export function secretHint(secret: string): string {
  return secret.slice(-4);
}
