import { parseConfig, type Config } from '@/lib/config';
import { createStoreContext, installAppContext, type StoreContext } from '@/lib/redis/client';

/**
 * Configures the app of this test file through its context: the settings of the environment (the
 * per-file prefix, the scratch Redis) with `settings` over them. Call it before anything uses the
 * app's context; process.env stays as it is (child processes still find the same store with it).
 */
export function configureApp(settings: Partial<Record<keyof Config, string>>): StoreContext {
  return installAppContext(createStoreContext(parseConfig({ ...process.env, ...settings })));
}
