// The demo accounts `npm start` seeds (README, "Demo accounts").
export const consumer = { email: 'dev@example.com', password: 'lanyard-dev', name: 'Dee Veloper' };
export const admin = { email: 'admin@example.com', password: 'lanyard-admin', name: 'Ada Admin' };
export type DemoUser = typeof consumer;
