import { callerOf, parseTarget, readJson, sendError, sendJson, type ApiHandler } from './http-helpers';

// The Petstore API of prisma/seed/petstore.openapi.json over an in-memory
// store: GET /pet/findByStatus, GET /pet/{petId}, POST /pet,
// GET /store/inventory, GET /user/{username}. Each instance has its own pets;
// added pets are capped so a public demo cannot grow without bound.

const STATUSES = ['available', 'pending', 'sold'] as const;
type PetStatus = (typeof STATUSES)[number];

interface Pet {
  id: number;
  name: string;
  photoUrls: string[];
  status: PetStatus;
}

const USERS = [
  { id: 1, username: 'user1', firstName: 'Ada', lastName: 'Whiskers', email: 'ada@example.com' },
  { id: 2, username: 'user2', firstName: 'Grace', lastName: 'Purrington', email: 'grace@example.com' },
];

const MAX_PETS = 500;

function samplePets(): Pet[] {
  return [
    { id: 1, name: 'Barky', photoUrls: [], status: 'available' },
    { id: 2, name: 'Mittens', photoUrls: ['https://images.example.com/pets/2.png'], status: 'available' },
    { id: 3, name: 'Rex', photoUrls: [], status: 'pending' },
    { id: 4, name: 'Goldie', photoUrls: [], status: 'sold' },
  ];
}

function isStatus(value: unknown): value is PetStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** A new pet from a request body (NewPet), or a reason it is not one. */
function newPet(body: unknown, id: number): Pet | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const { name, photoUrls, status } = body as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim() || name.length > 100) return 'name is required (1 to 100 characters)';
  if (photoUrls !== undefined && !(Array.isArray(photoUrls) && photoUrls.length <= 10 && photoUrls.every((u) => typeof u === 'string'))) {
    return 'photoUrls must be an array of at most 10 strings';
  }
  if (status !== undefined && !isStatus(status)) return `status must be one of ${STATUSES.join(', ')}`;
  return { id, name: name.trim(), photoUrls: (photoUrls as string[] | undefined) ?? [], status: status ?? 'available' };
}

export function createPetstoreApi(): ApiHandler {
  const pets = samplePets();
  let nextId = pets.length + 1;

  function addPet(body: unknown): { status: number; body: unknown } {
    const pet = newPet(body, nextId);
    if (typeof pet === 'string') return { status: 400, body: { error: 'invalid_pet', message: pet } };
    if (pets.length >= MAX_PETS) pets.splice(samplePets().length, 1);
    nextId += 1;
    pets.push(pet);
    return { status: 201, body: pet };
  }

  return (req, res) => {
    const caller = callerOf(req);
    if (caller) res.setHeader('x-demo-caller', caller);
    const { segments, query } = parseTarget(req);

    if (req.method === 'POST' && segments[0] === 'pet' && segments.length === 1) {
      void readJson(req)
        .then(addPet)
        .then(({ status, body }) => sendJson(res, status, body));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, 'method_not_allowed', `${req.method} is not supported here`);

    if (segments[0] === 'pet' && segments[1] === 'findByStatus' && segments.length === 2) {
      const status = query.get('status') ?? 'available';
      if (!isStatus(status)) return sendError(res, 400, 'invalid_request', `status must be one of ${STATUSES.join(', ')}`);
      return sendJson(
        res,
        200,
        pets.filter((p) => p.status === status),
      );
    }
    if (segments[0] === 'pet' && segments.length === 2) {
      const pet = pets.find((p) => String(p.id) === segments[1]);
      return pet ? sendJson(res, 200, pet) : sendError(res, 404, 'not_found', `no pet with id ${segments[1]}`);
    }
    if (segments[0] === 'store' && segments[1] === 'inventory' && segments.length === 2) {
      const counts: Record<string, number> = {};
      for (const status of STATUSES) counts[status] = pets.filter((p) => p.status === status).length;
      return sendJson(res, 200, counts);
    }
    if (segments[0] === 'user' && segments.length === 2) {
      const user = USERS.find((u) => u.username === segments[1]);
      return user ? sendJson(res, 200, user) : sendError(res, 404, 'not_found', `no user named ${segments[1]}`);
    }
    return sendError(res, 404, 'not_found', 'no such operation in the Petstore API');
  };
}
