import { DomainError, invalidField } from '../common/errors/domain-error';
import { PlacementRefusal } from './rules/placement-eligibility';

/** The answer to a request the placement rules refuse; its message is also a cohort run's reason for leaving the student unplaced. */
export const refusalError = (refusal: PlacementRefusal): DomainError =>
  refusal.code === 'VALIDATION_FAILED' ? invalidField(refusal.field, refusal.message) : new DomainError(refusal.code, refusal.message);
