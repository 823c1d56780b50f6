#!/usr/bin/env node
// The `cabas` command: runs the TypeScript CLI through tsx (installed with the project).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
