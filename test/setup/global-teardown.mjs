export default async function globalTeardown() {
  await globalThis.__testServersModule?.stopTestServers();
}
