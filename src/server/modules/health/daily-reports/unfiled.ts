/** Communities that have not filed a day's report: for the overview and the reminder job. */
import type { Context } from '../../../kernel/context.js';

/**
 * A district's communities (not retired) with no report for the day, with their street;
 * narrow it by scope as needed.
 */
export function unfiledCommunities(c: Context, districtId: string, day: string) {
  return c.db
    .selectFrom('areas as ca')
    .innerJoin('areas as st', 'st.id', 'ca.parent_id')
    .select(['ca.id', 'ca.code', 'ca.name', 'st.id as street_id', 'st.name as street_name'])
    .where('ca.district_id', '=', districtId)
    .where('ca.level', '=', 'community')
    .where('ca.retired_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('daily_reports as r')
            .select('r.id')
            .where('r.district_id', '=', districtId)
            .whereRef('r.community_id', '=', 'ca.id')
            .where('r.day', '=', day),
        ),
      ),
    );
}
