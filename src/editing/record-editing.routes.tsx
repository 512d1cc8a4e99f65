import { Hono } from 'hono';
import type { FormType } from '../revisions/revision.ts';
import type { Env } from '../web/env.ts';
import { editRoutes } from './edit.routes.tsx';
import { historyRoutes } from './history.routes.tsx';

/** A record type's editing pages (form, history, compare and their actions), mounted at its path segment. */
export function recordEditingRoutes(type: FormType) {
  return new Hono<Env>().route('/', editRoutes(type)).route('/', historyRoutes(type));
}
