/**
 * Step 1, 选择房屋: courtyard (when the code covers several; searchable when many) → building → unit → room,
 * as large tap targets; rural courtyards list rooms with no building or unit. Or
 * "房屋不在列表中" with the full address, for the grid worker to resolve.
 */
import { Checkbox, DotLoading } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { dwellingTree, type DwellingTree } from './api.js';
import type { StepProps } from './step.js';
import { t } from './i18n.js';
import { type FormDraft, matchingCourtyards } from './model.js';
import { Choice, Field, TextInput } from './ui.js';

const NONE = '-';
/** A code covering more courtyards than this (a community's) gets a search box above them. */
const SEARCH_FROM = 8;

const trees = new Map<string, DwellingTree>();

type Load = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed' } | { kind: 'ok'; tree: DwellingTree };

/** Where a dwelling sits in the tree: building, unit (NONE when absent) and a label. */
function locate(
  tree: DwellingTree,
  dwellingId: string,
): { buildingId: string; unitId: string | null; label: string } | null {
  for (const r of tree.rooms) if (r.id === dwellingId) return { buildingId: NONE, unitId: null, label: r.room };
  for (const b of tree.buildings) {
    for (const r of b.rooms)
      if (r.id === dwellingId) return { buildingId: b.id, unitId: NONE, label: `${b.label} ${r.room}` };
    for (const u of b.units)
      for (const r of u.rooms)
        if (r.id === dwellingId) return { buildingId: b.id, unitId: u.id, label: `${b.label} ${u.label} ${r.room}` };
  }
  return null;
}

export function DwellingStep({ code, scope, form, set, err, touch }: StepProps) {
  const [load, setLoad] = useState<Load>({ kind: 'idle' });
  const [search, setSearch] = useState('');
  const courtyardId = form.courtyardId;
  const courtyards = matchingCourtyards(code.courtyards, search, courtyardId);

  useEffect(() => {
    if (!courtyardId) return setLoad({ kind: 'idle' });
    const cached = trees.get(courtyardId);
    if (cached) return setLoad({ kind: 'ok', tree: cached });
    let live = true;
    setLoad({ kind: 'loading' });
    dwellingTree(scope, courtyardId).then(
      (tree) => {
        trees.set(courtyardId, tree);
        if (live) setLoad({ kind: 'ok', tree });
      },
      () => live && setLoad({ kind: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [courtyardId, scope]);

  // An edit arrives with a dwelling id only: find where it sits once the tree is known.
  const tree = load.kind === 'ok' ? load.tree : null;
  useEffect(() => {
    if (!tree || !form.dwellingId || form.buildingId) return;
    const at = locate(tree, form.dwellingId);
    if (at) set((f) => ({ ...f, buildingId: at.buildingId, unitId: at.unitId, dwellingLabel: at.label }));
  }, [tree, form.dwellingId, form.buildingId, set]);

  const pick = (patch: Partial<FormDraft>, field = 'dwellingId') => set((f) => ({ ...f, ...patch }), field);
  const building = tree?.buildings.find((b) => b.id === form.buildingId) ?? null;
  const hasUnits = !!building && building.units.length > 0;
  const rooms = !tree
    ? []
    : form.buildingId === NONE || (tree.buildings.length === 0 && tree.rooms.length > 0)
      ? tree.rooms
      : !building
        ? []
        : hasUnits
          ? form.unitId === NONE
            ? building.rooms
            : (building.units.find((u) => u.id === form.unitId)?.rooms ?? [])
          : building.rooms;
  const roomsShown =
    !!tree && (tree.buildings.length === 0 || form.buildingId === NONE || (!!building && (!hasUnits || !!form.unitId)));
  const empty = !!tree && tree.buildings.length === 0 && tree.rooms.length === 0;
  const roomLabel = (id: string) => (tree ? (locate(tree, id)?.label ?? null) : null);

  return (
    <section>
      <h2 className="r-intro">{t('dwellingIntro')}</h2>
      {code.courtyards.length > 1 ? (
        <Field field="courtyardId" label={t('courtyard')} error={err('courtyardId')}>
          {code.courtyards.length > SEARCH_FROM ? (
            <TextInput
              id="reg-courtyard-search"
              type="search"
              placeholder={t('courtyardSearch')}
              value={search}
              onChange={setSearch}
            />
          ) : null}
          {courtyards.length === 0 ? <div className="r-hint">{t('courtyardNone')}</div> : null}
          <Choice
            testid="reg-courtyard"
            columns={1}
            options={courtyards.map((c) => ({ label: c.name, value: c.id }))}
            value={form.courtyardId}
            onChange={(v) =>
              pick({ courtyardId: v, buildingId: null, unitId: null, dwellingId: null, dwellingLabel: null })
            }
          />
        </Field>
      ) : null}
      {!form.unlisted && courtyardId ? (
        <>
          {load.kind === 'loading' ? (
            <div className="r-center-small">
              <DotLoading color="primary" />
            </div>
          ) : null}
          {load.kind === 'failed' ? (
            <div className="r-hint r-pad">{form.dwellingId ? t('keepDwelling') : t('treeFailed')}</div>
          ) : null}
          {empty ? <div className="r-hint r-pad">{t('treeEmpty')}</div> : null}
          {tree && tree.buildings.length > 0 ? (
            <Field field="buildingId" label={t('building')}>
              <Choice
                testid="reg-building"
                columns={3}
                options={[
                  ...tree.buildings.map((b) => ({ label: b.label, value: b.id })),
                  ...(tree.rooms.length ? [{ label: t('noBuilding'), value: NONE }] : []),
                ]}
                value={form.buildingId}
                onChange={(v) => pick({ buildingId: v, unitId: null, dwellingId: null, dwellingLabel: null })}
              />
            </Field>
          ) : null}
          {hasUnits ? (
            <Field field="unitId" label={t('unit')}>
              <Choice
                testid="reg-unit"
                columns={3}
                options={[
                  ...building.units.map((u) => ({ label: u.label, value: u.id })),
                  ...(building.rooms.length ? [{ label: t('noUnit'), value: NONE }] : []),
                ]}
                value={form.unitId}
                onChange={(v) => pick({ unitId: v, dwellingId: null, dwellingLabel: null })}
              />
            </Field>
          ) : null}
          {roomsShown && rooms.length > 0 ? (
            <Field field="dwellingId" label={t('room')} error={err('dwellingId')}>
              <Choice
                testid="reg-room"
                columns={4}
                options={rooms.map((r) => ({ label: r.room, value: r.id }))}
                value={form.dwellingId}
                onChange={(v) => pick({ dwellingId: v, dwellingLabel: v ? roomLabel(v) : null })}
              />
            </Field>
          ) : !roomsShown && err('dwellingId') ? (
            <div className="r-error r-pad" data-field="dwellingId">
              {err('dwellingId')}
            </div>
          ) : null}
        </>
      ) : null}
      {!form.unlisted && !courtyardId && err('dwellingId') ? (
        <div className="r-error r-pad">{err('dwellingId')}</div>
      ) : null}
      {code.courtyards.length > 0 ? (
        <div className="r-pad">
          <Checkbox
            data-testid="reg-unlisted"
            checked={form.unlisted}
            onChange={(v) => pick({ unlisted: v }, 'address')}
          >
            {t('notListed')}
          </Checkbox>
        </div>
      ) : null}
      {form.unlisted ? (
        <Field
          field="address"
          label={t('address')}
          htmlFor="reg-address"
          error={err('address')}
          hint={t('addressHint')}
        >
          <TextInput
            id="reg-address"
            value={form.address}
            maxLength={200}
            onChange={(v) => set((f) => ({ ...f, address: v }), 'address')}
            onBlur={() => touch('address')}
            invalid={!!err('address')}
          />
        </Field>
      ) : null}
    </section>
  );
}
