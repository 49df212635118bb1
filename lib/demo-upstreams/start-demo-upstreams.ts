import { startUpstream, type RunningUpstream } from './http-helpers';
import { createPetstoreApi } from './petstore-api';
import { tracksApi } from './tracks-api';

// Both demo APIs on ports of their own, keyed by API product id: what the
// demo gateway forwards to when it is not given upstreams.

export interface DemoUpstreams {
  urls: Record<'tracks' | 'petstore', string>;
  stop(): Promise<void>;
}

export async function startDemoUpstreams(host = '127.0.0.1'): Promise<DemoUpstreams> {
  const running: RunningUpstream[] = [];
  try {
    const tracks = await startUpstream(tracksApi, 0, host);
    running.push(tracks);
    const petstore = await startUpstream(createPetstoreApi(), 0, host);
    running.push(petstore);
    return {
      urls: { tracks: tracks.url, petstore: petstore.url },
      stop: async () => {
        await Promise.all(running.map((u) => u.stop()));
      },
    };
  } catch (err) {
    await Promise.all(running.map((u) => u.stop()));
    throw err;
  }
}
