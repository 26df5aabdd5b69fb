import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/**
 * oidc-provider's storage for one stand-in process: sessions, grants, codes and tokens in
 * memory, as the provider's own development adapter keeps them, but stated on purpose, so the
 * provider does not warn on every start that a quick-start adapter is in use. A restart forgets
 * them, which is what the stand-in wants (the tenant's state lives in management-state.ts).
 */
export function memoryAdapter(): AdapterFactory {
  const rows = new Map<string, { payload: AdapterPayload; expiresAt?: number }>();
  const live = (key: string) => {
    const row = rows.get(key);
    if (row?.expiresAt !== undefined && row.expiresAt <= Date.now()) {
      rows.delete(key);
      return undefined;
    }
    return row;
  };
  const findBy = (name: string, field: 'uid' | 'userCode', value: string) => {
    for (const [key, row] of rows) if (key.startsWith(`${name}:`) && row.payload[field] === value && live(key)) return row.payload;
    return undefined;
  };

  return (name: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      rows.set(`${name}:${id}`, { payload, ...(expiresIn !== undefined && { expiresAt: Date.now() + expiresIn * 1000 }) });
    },
    async find(id) {
      return live(`${name}:${id}`)?.payload;
    },
    async findByUid(uid) {
      return findBy(name, 'uid', uid);
    },
    async findByUserCode(userCode) {
      return findBy(name, 'userCode', userCode);
    },
    async consume(id) {
      const row = live(`${name}:${id}`);
      if (row) row.payload.consumed = Math.floor(Date.now() / 1000);
    },
    async destroy(id) {
      rows.delete(`${name}:${id}`);
    },
    async revokeByGrantId(grantId) {
      for (const [key, row] of rows) if (row.payload.grantId === grantId) rows.delete(key);
    },
  });
}
