import noServerInClient from './no-server-in-client.mjs';

// Lanyard's own lint rules (eslint.config.mjs enables them).
const plugin = { rules: { 'no-server-in-client': noServerInClient } };
export default plugin;
