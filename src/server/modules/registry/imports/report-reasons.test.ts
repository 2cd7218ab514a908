/**
 * A row the database refused is reported in the catalogue's words, never with
 * PostgreSQL's own text (issue 12: the error report carried table, constraint and
 * column names and values).
 */
import { describe, expect, it } from 'vitest';
import { databaseReason } from './job.js';
import { ROW_REASONS } from './texts.js';

const pgError = (message: string, fields: Record<string, string>) => Object.assign(new Error(message), fields);

describe('database refusals in the import error report', () => {
  it('names the catalogue reason, not the constraint or the value', () => {
    const text = ROW_REASONS.refusedByDatabase(
      databaseReason(
        pgError('duplicate key value violates unique constraint "persons_document" Key (doc_number)=(510112…)', {
          code: '23505',
          constraint: 'persons_document',
        }),
      ),
    );
    expect(text).toContain('数据库拒绝了该行');
    expect(text).not.toMatch(/persons_document|doc_number|510112|duplicate key/);
  });

  it('says only that the reason is logged when the error is not one the catalogue knows', () => {
    const text = databaseReason(pgError('relation "secret_table" does not exist', { code: '42P01' }));
    expect(text).toBe('原因已记入服务器日志');
    expect(databaseReason(new Error('socket hang up at 10.0.0.3'))).toBe('原因已记入服务器日志');
  });
});
