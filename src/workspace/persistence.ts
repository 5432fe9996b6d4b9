/**
 * Persistent storage: without it the browser may delete the whole workspace, without asking,
 * when the disk runs low. The app asks once per open, after its first screen; Chromium decides
 * by itself (site engagement, an installed app) without a prompt, Firefox asks the person.
 */

/** What the browser reports: whether the data is kept, and how much room it uses and has. */
export interface StorageState {
  persisted: boolean;
  usage: number;
  quota: number;
}

/** The parts of `navigator.storage` used here (absent in old browsers and some contexts). */
type StorageApi = Pick<StorageManager, 'estimate'> &
  Partial<Pick<StorageManager, 'persist' | 'persisted'>>;

const storageApi = (): StorageApi | undefined =>
  typeof navigator === 'undefined' ? undefined : navigator.storage;

/**
 * Asks the browser to keep the workspace's data, unless it already does. Resolves to whether it
 * is kept; false when the browser cannot say or refuses (a refusal is not an error).
 */
export async function askToKeepData(storage = storageApi()): Promise<boolean> {
  if (!storage?.persist) return false;
  try {
    if (await storage.persisted?.()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

/** The browser's report, or null when it gives none. */
export async function readStorageState(storage = storageApi()): Promise<StorageState | null> {
  if (!storage?.estimate) return null;
  try {
    const persisted = (await storage.persisted?.()) ?? false;
    const { usage = 0, quota = 0 } = await storage.estimate();
    return { persisted, usage, quota };
  } catch {
    return null;
  }
}
