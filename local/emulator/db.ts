// SQLite persistence for the emulator. Every emulated store keeps its working set in memory and
// writes through to one of these tables, so a stopped host restarts with exactly what it had.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issues (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kvs (
  entity TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER,
  PRIMARY KEY (entity, key)
);
CREATE TABLE IF NOT EXISTS queue (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
`;

export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  return db;
}

/** A small JSON key-value table for site-wide state (users, projects, counters, the clock). */
export class Meta {
  private readonly getStmt;
  private readonly setStmt;
  private readonly delStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { v: string }>('SELECT v FROM meta WHERE k = ?');
    this.setStmt = db.prepare<[string, string]>('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v');
    this.delStmt = db.prepare<[string]>('DELETE FROM meta WHERE k = ?');
  }
  get<T>(key: string): T | undefined {
    const row = this.getStmt.get(key);
    return row ? (JSON.parse(row.v) as T) : undefined;
  }
  set(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value));
  }
  delete(key: string): void {
    this.delStmt.run(key);
  }
}
