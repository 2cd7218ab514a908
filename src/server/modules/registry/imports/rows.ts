/**
 * One ledger row, checked with the registry's own rules: what it says, or why it
 * cannot be taken (in Chinese, for the error report), plus warnings.
 */
import { checkDocument, type DocumentType } from '../../../../domain/id-number.js';
import {
  type LedgerField,
  looksLikeLostPrecision,
  parseOccupancy,
  parsePopulation,
  parseRelationship,
} from '../../../../domain/ledger.js';
import {
  type NameBounds,
  normaliseName,
  PERSON_NAME,
  PLACE_LABEL,
  PLACE_NAME,
  revealHidden,
} from '../../../../domain/names.js';
import { checkPhone } from '../../../../domain/phone.js';
import { toHalfWidth } from '../../../../domain/text.js';
import type { Cell } from './reader.js';
import { ROW_REASONS } from './texts.js';

export interface LedgerRecord {
  name: string;
  docType: DocumentType;
  docNumber: string;
  phone: string | null;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  grid: string | null;
  courtyard: string;
  building: string | null;
  unit: string | null;
  room: string;
  headName: string | null;
  relationship: 'head' | 'spouse' | 'child' | 'parent' | 'other' | null;
  occupancyType: 'owned' | 'rented' | 'lodging' | 'temporary';
  populationType: 'registered' | 'floating' | 'overseas';
  hukouPlace: string | null;
  workUnit: string | null;
  tags: string[];
  /** 备注: kept with the record's version (there is no such field on a person). */
  note: string | null;
}

export interface Problem {
  column: string | null;
  value: string | null;
  reason: string;
}

export type Checked =
  { blank: true } | { blank?: false; record: LedgerRecord | null; errors: Problem[]; warnings: Problem[] };

const DOC_TYPES: Record<string, DocumentType> = {
  居民身份证: 'resident_id',
  身份证: 'resident_id',
  港澳台居民居住证: 'hmt_residence_permit',
  外国人永久居留身份证: 'foreign_permanent_id',
  护照: 'passport',
  其他: 'other',
};

/** Tidies a text cell: half-width forms, no stray spaces at the ends. */
const tidy = (s: string) =>
  toHalfWidth(s)
    .replace(/\u00A0/g, ' ')
    .trim();

/** Ledgers pad two-character Chinese names for alignment ("张  三"): spaces between Han characters go. */
const unpadHan = (s: string) => s.replace(/(?<=\p{Script=Han}) +(?=\p{Script=Han})/gu, '');

export function checkRow(
  cells: Cell[],
  mapping: Map<number, LedgerField>,
  headers: Map<LedgerField, string>,
  today: string,
): Checked {
  const raw = new Map<LedgerField, Cell>();
  for (const [index, field] of mapping) raw.set(field, cells[index] ?? { text: '', numeric: false });
  if ([...raw.values()].every((c) => tidy(c.text) === '')) return { blank: true };
  const cell = (f: LedgerField) => raw.get(f)?.text ?? '';
  const text = (f: LedgerField) => tidy(cell(f));
  const col = (f: LedgerField) => headers.get(f) ?? f;
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const need = (f: LedgerField) => {
    if (text(f) === '') errors.push({ column: col(f), value: '', reason: ROW_REASONS.required });
    return text(f);
  };

  // Names of persons and places go through the shared name rules (domain/names.ts): a
  // refused one is reported with the reason and its hidden characters shown (<U+200B>).
  const named = (f: LedgerField, bounds: NameBounds, required: boolean): string | null => {
    const written = toHalfWidth(cell(f));
    if (/^\p{White_Space}*$/u.test(written)) {
      if (required) errors.push({ column: col(f), value: '', reason: ROW_REASONS.required });
      return null;
    }
    const n = normaliseName(written, bounds);
    if (n.ok) return n.value;
    errors.push({ column: col(f), value: revealHidden(written.trim()), reason: ROW_REASONS.name(n.reason) });
    return null;
  };
  const name = unpadHan(named('name', PERSON_NAME, true) ?? '');
  const docType = DOC_TYPES[text('docType')] ?? 'resident_id';
  if (text('docType') && !DOC_TYPES[text('docType')])
    warnings.push({ column: col('docType'), value: text('docType'), reason: ROW_REASONS.unknownDocType });
  let docNumber = '';
  const docCell = raw.get('docNumber');
  if (docCell?.numeric || looksLikeLostPrecision(text('docNumber'))) {
    // Never guess the digits Excel threw away.
    errors.push({
      column: col('docNumber'),
      value: text('docNumber'),
      reason: ROW_REASONS.lostPrecision,
    });
  } else if (need('docNumber') !== '') {
    const doc = checkDocument(docType, text('docNumber'), today);
    if (doc.ok) {
      docNumber = doc.number;
      if (doc.warnings.includes('legacy_15_digit'))
        warnings.push({
          column: col('docNumber'),
          value: text('docNumber'),
          reason: ROW_REASONS.legacyId,
        });
      if (doc.warnings.includes('unknown_region'))
        warnings.push({ column: col('docNumber'), value: text('docNumber'), reason: ROW_REASONS.unknownRegion });
    } else {
      for (const p of doc.problems)
        errors.push({
          column: col('docNumber'),
          value: text('docNumber'),
          reason: ROW_REASONS.document(p),
        });
    }
  }
  let phone: string | null = null;
  if (text('phone')) {
    const ph = checkPhone(text('phone'));
    if (ph.ok) phone = ph.number;
    else warnings.push({ column: col('phone'), value: text('phone'), reason: ROW_REASONS.phone });
  }
  const courtyard = named('courtyard', PLACE_NAME, true) ?? '';
  const building = named('building', PLACE_LABEL, false);
  const unit = named('unit', PLACE_LABEL, false);
  const room = named('room', PLACE_LABEL, true) ?? '';
  const headName = named('headName', PERSON_NAME, false);
  let relationship = parseRelationship(text('relationship'));
  if (text('relationship') && !relationship) {
    warnings.push({
      column: col('relationship'),
      value: text('relationship'),
      reason: ROW_REASONS.unknownRelationship,
    });
    relationship = 'other';
  }
  let occupancyType = parseOccupancy(text('occupancyType'));
  if (text('occupancyType') && !occupancyType)
    warnings.push({
      column: col('occupancyType'),
      value: text('occupancyType'),
      reason: ROW_REASONS.unknownOccupancy,
    });
  occupancyType ??= 'owned';
  const populationType = parsePopulation(text('populationType')) ?? 'registered';
  if (errors.length) return { record: null, errors, warnings };
  const doc = checkDocument(docType, docNumber, today);
  return {
    record: {
      name,
      docType,
      docNumber,
      phone,
      gender: doc.ok ? doc.gender : null,
      birthDate: doc.ok ? doc.birthDate : null,
      grid: text('grid') || null,
      courtyard,
      building,
      unit,
      room,
      headName: headName === null ? null : unpadHan(headName),
      relationship,
      occupancyType,
      populationType,
      hukouPlace: text('hukouPlace') || null,
      workUnit: text('workUnit') || null,
      tags: text('tags')
        ? text('tags')
            .split(/[,，、;；\s]+/)
            .filter(Boolean)
            .slice(0, 20)
        : [],
      note: text('note') || null,
    },
    errors,
    warnings,
  };
}
