/**
 * Step 4, 行程与接触: trips of the last 14 days (from where, back when, how, who)
 * and contacts with confirmed or suspected cases (who, last when).
 */
import { Button, Selector } from 'antd-mobile';
import { addDays } from '../../domain/clock.js';
import { OTHER_PLACE, TRANSPORTS } from '../../domain/self-registration.js';
import { memberName, type StepProps } from './step.js';
import { t } from './i18n.js';
import { MAX_TRIPS, newTrip, type TripDraft } from './model.js';
import { Choice, Field, TextInput, YesNo } from './ui.js';

export function TravelStep({ code, form, set, err, touch }: StepProps) {
  const min = addDays(code.today, -30);
  const members = form.members.map((m) => ({ label: memberName(form, m.key), value: m.key }));
  const setTrip = (i: number, patch: Partial<TripDraft>, field: string) =>
    set((f) => ({ ...f, trips: f.trips.map((x, j) => (j === i ? { ...x, ...patch } : x)) }), `trips.${i}.${field}`);
  const contactAt = (key: string) => form.contacts.findIndex((c) => c.member === key);

  return (
    <section>
      <Field field="travelled" label={t('travelQ')} error={err('travelled') ?? err('trips')}>
        <YesNo
          testid="reg-travelled"
          value={form.travelled}
          onChange={(v) =>
            set((f) => ({ ...f, travelled: v, trips: v && f.trips.length === 0 ? [newTrip()] : f.trips }), 'travelled')
          }
        />
      </Field>
      {form.travelled
        ? form.trips.map((trip, i) => {
            const at = `trips.${i}.`;
            const id = (f: string) => `trip-${i}-${f}`;
            return (
              <div className="r-card" key={i} data-testid={`trip-${i}`}>
                <div className="r-card-head">
                  <span className="r-card-title">
                    {t('trip')} {i + 1}
                  </span>
                  {form.trips.length > 1 ? (
                    <button
                      type="button"
                      className="r-link r-danger"
                      data-testid={id('remove')}
                      onClick={() => set((f) => ({ ...f, trips: f.trips.filter((_, j) => j !== i) }))}
                    >
                      {t('remove')}
                    </button>
                  ) : null}
                </div>
                <Field field={at + 'place'} label={t('place')} error={err(at + 'place')}>
                  <Choice
                    testid={id('place')}
                    columns={3}
                    options={code.places.map((p) => ({ label: p, value: p }))}
                    value={trip.place || null}
                    onChange={(v) => setTrip(i, { place: v ?? '' }, 'place')}
                  />
                </Field>
                {trip.place === OTHER_PLACE ? (
                  <Field field={at + 'otherPlace'} label={t('otherPlace')} htmlFor={id('otherPlace')}>
                    <TextInput
                      id={id('otherPlace')}
                      value={trip.otherPlace}
                      maxLength={50}
                      onChange={(v) => setTrip(i, { otherPlace: v }, 'place')}
                      onBlur={() => touch(at + 'place')}
                    />
                  </Field>
                ) : null}
                <Field
                  field={at + 'returnDate'}
                  label={t('returnDate')}
                  htmlFor={id('returnDate')}
                  error={err(at + 'returnDate')}
                >
                  <TextInput
                    id={id('returnDate')}
                    type="date"
                    min={min}
                    max={code.today}
                    value={trip.returnDate}
                    onChange={(v) => setTrip(i, { returnDate: v }, 'returnDate')}
                    onBlur={() => touch(at + 'returnDate')}
                    invalid={!!err(at + 'returnDate')}
                  />
                </Field>
                <Field field={at + 'transport'} label={t('transport')} error={err(at + 'transport')}>
                  <Choice
                    testid={id('transport')}
                    columns={3}
                    options={TRANSPORTS.map((v) => ({ label: t(`transport_${v}`), value: v }))}
                    value={trip.transport}
                    onChange={(v) => setTrip(i, { transport: v }, 'transport')}
                  />
                </Field>
                <Field field={at + 'transportNo'} label={t('transportNo')} htmlFor={id('transportNo')}>
                  <TextInput
                    id={id('transportNo')}
                    value={trip.transportNo}
                    maxLength={30}
                    onChange={(v) => setTrip(i, { transportNo: v }, 'transportNo')}
                  />
                </Field>
                <Field field={at + 'members'} label={t('travellers')} error={err(at + 'members')}>
                  <Selector
                    data-testid={id('members')}
                    multiple
                    columns={2}
                    options={members}
                    value={trip.members}
                    onChange={(v) => setTrip(i, { members: v }, 'members')}
                  />
                </Field>
              </div>
            );
          })
        : null}
      {form.travelled && form.trips.length < MAX_TRIPS ? (
        <div className="r-pad">
          <Button
            block
            fill="outline"
            color="primary"
            onClick={() => set((f) => ({ ...f, trips: [...f.trips, newTrip()] }))}
            data-testid="reg-add-trip"
          >
            + {t('addTrip')}
          </Button>
        </div>
      ) : null}

      <Field field="contacted" label={t('contactQ')} error={err('contacted')}>
        <YesNo
          testid="reg-contacted"
          value={form.contacted}
          onChange={(v) => set((f) => ({ ...f, contacted: v }), 'contacted')}
        />
      </Field>
      {form.contacted ? (
        <>
          <Field field="contacts" label={t('contactWho')} error={err('contacts')}>
            <Selector
              data-testid="reg-contact-members"
              multiple
              columns={2}
              options={members}
              value={form.contacts.map((c) => c.member)}
              onChange={(keys) =>
                set(
                  (f) => ({
                    ...f,
                    contacts: keys.map((k) => f.contacts.find((c) => c.member === k) ?? { member: k, lastContact: '' }),
                  }),
                  'contacts',
                )
              }
            />
          </Field>
          {form.members
            .filter((m) => contactAt(m.key) >= 0)
            .map((m) => {
              const i = contactAt(m.key);
              const field = `contacts.${i}.lastContact`;
              return (
                <Field
                  key={m.key}
                  field={field}
                  label={`${memberName(form, m.key)} · ${t('lastContact')}`}
                  htmlFor={`contact-${i}-lastContact`}
                  error={err(field)}
                >
                  <TextInput
                    id={`contact-${i}-lastContact`}
                    type="date"
                    min={min}
                    max={code.today}
                    value={form.contacts[i]!.lastContact}
                    onChange={(v) =>
                      set(
                        (f) => ({ ...f, contacts: f.contacts.map((c, j) => (j === i ? { ...c, lastContact: v } : c)) }),
                        field,
                      )
                    }
                    onBlur={() => touch(field)}
                    invalid={!!err(field)}
                  />
                </Field>
              );
            })}
        </>
      ) : null}
    </section>
  );
}
