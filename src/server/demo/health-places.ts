/** The demo's isolation site and designated hospital, and a planned measure's row with its room or bed. */
import type { Database } from '../db/connection.js';
import type { HealthPlan, PlannedMeasure } from './health-plan-model.js';

export type Places = { site: string; rooms: string[]; hospital: string };

/** The district's isolation site (single rooms, as many as the plan needs and some spare) and designated hospital. */
export async function createPlaces(db: Database, plan: HealthPlan, districtId: string): Promise<Places> {
  const need = (measure: string) =>
    Math.max(0, ...plan.measures.filter((m) => m.measure === measure).map((m) => (m.place ?? 0) + 1));
  const roomCount = Math.max(20, Math.ceil(need('central_isolation') * 1.3));
  return db.transaction().execute(async (tx) => {
    const site = await tx
      .insertInto('isolation_sites')
      .values({
        kind: 'isolation_site',
        district_id: districtId,
        area_id: districtId,
        name: '龙泉驿区集中医学观察点（演示）',
        address: '龙泉驿区驿都大道（演示地址）',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const labels = Array.from(
      { length: roomCount },
      (_, i) => `${Math.floor(i / 20) + 1}${String((i % 20) + 1).padStart(2, '0')}`,
    );
    const rooms = await tx
      .insertInto('isolation_rooms')
      .values(labels.map((label) => ({ district_id: districtId, site_id: site.id, label, capacity: 1 })))
      .returning(['id', 'label'])
      .execute();
    const hospital = await tx
      .insertInto('isolation_sites')
      .values({
        kind: 'hospital',
        district_id: districtId,
        area_id: districtId,
        name: '龙泉驿区定点救治医院（演示）',
        address: '龙泉驿区龙泉街道（演示地址）',
        beds: Math.max(20, need('designated_hospital') * 2),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { site: site.id, rooms: labels.map((l) => rooms.find((x) => x.label === l)!.id), hospital: hospital.id };
  });
}

export function measureRow(m: PlannedMeasure, places: Places) {
  const room = m.measure === 'central_isolation' ? places.rooms[m.place!]! : null;
  const bed = m.measure === 'designated_hospital' ? `感染科${String(m.place! + 1).padStart(2, '0')}床` : null;
  return {
    id: m.id,
    district_id: m.person.districtId,
    person_id: m.person.id,
    grid_id: m.person.gridId,
    measure: m.measure,
    site_id: room ? places.site : bed ? places.hospital : null,
    room_id: room,
    bed,
    start_day: m.startDay,
    planned_end: m.plannedEnd,
    previous_id: m.previousId,
    release: JSON.stringify(m.release),
    basis: m.basis,
    categories: m.categories,
    status: m.status,
    last_contact: m.lastContact,
    created_at: m.at,
    updated_at: m.at,
  };
}
