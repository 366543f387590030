import { z } from 'zod';

// Imported first by src/cli.ts, so it runs before any module builds a schema: zod decides at construction whether
// an object schema will generate its fast parser (new Function, compiled at its first parse). A one-shot answer
// parses each schema a few times, so generating them costs more than they save (15-20 ms of a brief). The checks
// are the same either way.
z.config({ jitless: true });
