/**
 * What most browser tests start from: a Peakend test server, customer host pages on an origin of
 * their own that the demo site allows, and Chromium. `stop` ends them in reverse order.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { allowOrigin, startHostServer, type HostServer } from './hosts';
import { startServer, tempDir, type TestServer } from './server';

export interface WidgetStage {
  server: TestServer;
  hosts: HostServer;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startWidgetStage(): Promise<WidgetStage> {
  const dir = tempDir();
  const started: (() => Promise<void> | void)[] = [() => dir.remove()];
  const stop = async () => {
    for (const end of started.splice(0).reverse()) await end();
  };
  try {
    const server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    started.push(() => server.stop());
    const hosts = await startHostServer(server.url);
    started.push(() => hosts.stop());
    await allowOrigin(server.url, hosts.url);
    const browser = await launchBrowser();
    started.push(() => browser.close());
    return { server, hosts, browser, stop };
  } catch (error) {
    // Whatever did start is stopped, so a failed start leaves nothing running.
    await stop();
    throw error;
  }
}
