/**
 * Persons (实有人口): one record per identity document in the district, searched and
 * read within the actor's scope, masked by role, corrected, merged, revealed with a
 * reason. What other modules may use of it is exported here and nowhere else.
 */
export { personsPlugin } from './routes.js';
export {
  personRoutes,
  person,
  createPerson,
  documentType,
  type PersonDto,
  type CreatedPersonDto,
  type PersonListDto,
  type RevealedDto,
} from './schemas.js';
export { presentPerson } from './present.js';
export { selectPersons, findInScope, gramsOf, type PersonRow } from './queries.js';
export { registerPerson, type NewPerson } from './register.js';
