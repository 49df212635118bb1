import { callerOf, parseTarget, sendError, sendJson, type ApiHandler } from './http-helpers';

// The Tracks API of prisma/seed/tracks.openapi.json, read-only over sample
// data: GET /tracks (topic, limit), GET /tracks/{trackId},
// GET /tracks/{trackId}/modules. The gateway has already checked the token.

interface Module {
  id: string;
  title: string;
  length: number;
}

interface Track {
  id: string;
  title: string;
  topic: string;
  authorId: string;
  thumbnail: string;
  description: string;
  numberOfViews: number;
  createdAt: string;
  length: number;
  modulesCount: number;
}

const MODULES: Record<string, Module[]> = {
  c_0: [
    { id: 'l_0', title: 'Why cats look up', length: 540 },
    { id: 'l_1', title: 'The night sky from a windowsill', length: 720 },
    { id: 'l_2', title: 'Spotting the Big Dipper (and the Big Kibble)', length: 660 },
  ],
  c_1: [
    { id: 'l_3', title: 'Dressing for zero gravity', length: 480 },
    { id: 'l_4', title: 'Eating without floating away', length: 600 },
  ],
  c_2: [
    { id: 'l_5', title: 'Craters and where to nap in them', length: 900 },
    { id: 'l_6', title: 'Moon phases for nocturnal hunters', length: 780 },
    { id: 'l_7', title: 'Planning a lunar picnic', length: 420 },
    { id: 'l_8', title: 'Coming home safely', length: 510 },
  ],
};

function track(
  id: string,
  title: string,
  topic: string,
  authorId: string,
  createdAt: string,
  numberOfViews: number,
  description: string,
): Track {
  const modules = MODULES[id] ?? [];
  return {
    id,
    title,
    topic,
    authorId,
    thumbnail: `https://images.example.com/tracks/${id}.png`,
    description,
    numberOfViews,
    createdAt,
    length: modules.reduce((sum, m) => sum + m.length, 0),
    modulesCount: modules.length,
  };
}

export const TRACKS: readonly Track[] = [
  track(
    'c_0',
    'Cat-stronomy, an introduction',
    'Cat-stronomy',
    'cat-1',
    '2024-01-15T09:00:00Z',
    1280,
    'Look up, little one: the first steps of a space cat.',
  ),
  track(
    'c_1',
    'Life in zero gravity',
    'Space travel',
    'cat-2',
    '2024-03-02T14:30:00Z',
    845,
    'Everything a cat needs to know before leaving the litter box behind.',
  ),
  track('c_2', 'Landing on the Moon', 'Space travel', 'cat-1', '2024-06-21T18:45:00Z', 2310, 'From orbit to the first paw print.'),
];

export const tracksApi: ApiHandler = (req, res) => {
  const caller = callerOf(req);
  if (caller) res.setHeader('x-demo-caller', caller);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendError(res, 405, 'method_not_allowed', `${req.method} is not supported here`);
  }
  const { segments, query } = parseTarget(req);
  if (segments[0] !== 'tracks' || segments.length > 3) return sendError(res, 404, 'not_found', 'no such operation in the Tracks API');

  if (segments.length === 1) {
    const limit = Number(query.get('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      return sendError(res, 400, 'invalid_request', 'limit must be an integer from 1 to 50');
    const topic = query.get('topic');
    return sendJson(res, 200, TRACKS.filter((t) => !topic || t.topic === topic).slice(0, limit));
  }
  const found = TRACKS.find((t) => t.id === segments[1]);
  if (!found) return sendError(res, 404, 'not_found', `no track with id ${segments[1]}`);
  if (segments.length === 2) return sendJson(res, 200, found);
  if (segments[2] === 'modules') return sendJson(res, 200, MODULES[found.id] ?? []);
  return sendError(res, 404, 'not_found', 'no such operation in the Tracks API');
};
