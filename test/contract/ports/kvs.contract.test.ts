// The KeyValueStore port's contract, run against the @forge/kvs adapter on the emulator's KVS and
// against every in-memory store the unit tests use.
import { forgeKvsStore } from '../../../src/adapters/forge/kvs-store';
import { createEmulator } from '../../../local/emulator';
import { CountingStore } from '../../fakes/counting-store';
import { MemoryStore } from '../../fakes/memory-store';
import { keyValueStoreContract, type StoreSubject } from './key-value-store';

const subjects: Array<[string, () => StoreSubject]> = [
  [
    'the @forge/kvs adapter on the emulator',
    () => {
      const emu = createEmulator({ clock: { now: () => Date.UTC(2026, 2, 2, 7) } });
      emu.install();
      return {
        store: forgeKvsStore,
        close: () => {
          emu.uninstall();
          emu.close();
        },
      };
    },
  ],
  ['MemoryStore (test/fakes/memory-store.ts)', () => ({ store: new MemoryStore(), close() {} })],
  ['CountingStore (test/fakes/counting-store.ts)', () => ({ store: new CountingStore(), close() {} })],
];

describe.each(subjects)('%s', (_name, make) => {
  describe('KeyValueStore', () => keyValueStoreContract(make));
});
