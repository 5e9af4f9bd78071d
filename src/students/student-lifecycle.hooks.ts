import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { StudentStatus, TransitionTrigger } from './rules/student-status';
import { StudentEntity } from './student.entity';

export interface StudentStatusChange {
  /** The manager of the transaction that changed the status; listeners must write through it. */
  manager: EntityManager;
  /** Null when the system itself made the change. */
  actor: AuthUser | null;
  /** The student after the change. */
  student: StudentEntity;
  from: StudentStatus;
  to: StudentStatus;
  trigger: TransitionTrigger;
  /** YYYY-MM-DD */
  effectiveDate: string;
  reason: string | null;
}

export type StudentStatusListener = (change: StudentStatusChange) => Promise<void>;

/**
 * Runs `work`, which reports many status changes in `manager`'s transaction, so that a listener may collect
 * them and write its part for all of them at once when `work` is done (a cohort's schedules in a few INSERTs).
 */
export type StudentBatchWrapper = <T>(manager: EntityManager, work: () => Promise<T>) => Promise<T>;

/**
 * Lets modules that build on students (disbursements, placements) react to a status change inside its
 * transaction, without the students module depending on them. A listener that throws rolls the change back.
 */
@Injectable()
export class StudentLifecycleHooks {
  private readonly listeners: StudentStatusListener[] = [];
  private readonly batchWrappers: StudentBatchWrapper[] = [];

  /** Register once, e.g. in the listening service's onModuleInit. Listeners run in registration order. */
  onStatusChange(listener: StudentStatusListener): void {
    this.listeners.push(listener);
  }

  /** For a listener that writes more cheaply in bulk; register once, beside its onStatusChange. */
  onBatch(wrapper: StudentBatchWrapper): void {
    this.batchWrappers.push(wrapper);
  }

  async statusChanged(change: StudentStatusChange): Promise<void> {
    for (const listener of this.listeners) await listener(change);
  }

  /** Runs `work`, which reports the changes of one bulk move, inside every registered batch wrapper. */
  inBatch<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    const wrapped = this.batchWrappers.reduceRight<() => Promise<T>>((inner, wrap) => () => wrap(manager, inner), work);
    return wrapped();
  }
}
