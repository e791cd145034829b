// Jest loads its global setup outside its own module system and without the SWC transform, so the
// TypeScript setup (./servers.ts) is loaded through tsx, the same loader `npm start` uses. The loaded module
// is kept for the teardown: loading it a second time would make a second copy of its dependencies.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const servers = await tsImport('./servers.ts', import.meta.url);
  globalThis.__testServersModule = servers;
  await servers.startTestServers();
}
