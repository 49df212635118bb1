import 'server-only';
import { existsSync } from 'node:fs';

// `.env.local` then `.env`, like Next does, for the processes that start before
// Next (the server, migrations, seeding). Variables already set win.
export function loadEnvFiles(): void {
  for (const file of ['.env.local', '.env']) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}
