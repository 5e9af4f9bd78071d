import { DataSource } from 'typeorm';
import { saveCohortWithMajors, CohortSetup } from '../../test/factories/reference-data';
import { saveStudent } from '../../test/factories/students';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { AuditService } from '../audit/audit.service';
import { BankAccountsRepository } from '../bank-accounts/bank-accounts.repository';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { TransactionRunner } from '../common/transaction-runner';
import { dataSourceOptions } from '../database/data-source-options';
import { MajorEntity } from '../programs/major.entity';
import { MajorSeatsRepository } from '../programs/major-seats.repository';
import { StudentLifecycleHooks, StudentStatusChange } from './student-lifecycle.hooks';
import { StudentLifecycleService } from './student-lifecycle.service';
import { StudentEntity } from './student.entity';
import { StudentsRepository } from './students.repository';

class FixedClock extends Clock {
  instant = new Date('2020-03-02T08:00:00.000Z');
  now(): Date {
    return this.instant;
  }
}

const staff: AuthUser = { id: 7, username: 'staff.li', role: 'staff', enterpriseId: null, studentId: null };

// A real in-memory SQLite database: what is under test is that listeners share the status change's transaction.
describe('StudentLifecycleService', () => {
  let dataSource: DataSource;
  let hooks: StudentLifecycleHooks;
  let service: StudentLifecycleService;
  let setup: CohortSetup;
  let clock: FixedClock;

  beforeEach(async () => {
    dataSource = await new DataSource(dataSourceOptions({ type: 'sqlite', path: ':memory:' })).initialize();
    await dataSource.runMigrations();
    clock = new FixedClock();
    hooks = new StudentLifecycleHooks();
    service = new StudentLifecycleService(
      new TransactionRunner(dataSource),
      new StudentsRepository(),
      new MajorSeatsRepository(),
      hooks,
      new BankAccountsRepository(),
      new AuditService(dataSource, clock),
      clock,
    );
    setup = await saveCohortWithMajors(dataSource, { majors: [{ code: 'M01', capacity: 2, assigned: 1 }] });
  });
  afterEach(() => dataSource.destroy());

  const reload = (id: number) => dataSource.getRepository(StudentEntity).findOneByOrFail({ id });
  const auditCount = (id: number) => dataSource.getRepository(AuditEntryEntity).countBy({ entityType: 'student', entityId: id });
  const seatsTaken = async () => (await dataSource.getRepository(MajorEntity).findOneByOrFail({ id: setup.majors[0].id })).assigned;

  it('runs a listener inside the transaction, after the status change, with what changed', async () => {
    const student = await saveStudent(dataSource, setup.cohort.id, { status: 'ADMITTED', majorCode: 'M01' });
    const seen: Array<Omit<StudentStatusChange, 'manager' | 'student'> & { statusInTransaction: string; inTransaction: boolean }> = [];
    hooks.onStatusChange(async ({ manager, student: changed, ...change }) => {
      const statusInTransaction = (await manager.findOneByOrFail(StudentEntity, { id: changed.id })).status;
      seen.push({ ...change, statusInTransaction, inTransaction: manager.queryRunner?.isTransactionActive === true });
    });

    await service.changeStatus(staff, student.id, { status: 'ENROLLED', reason: 'term starts' });

    expect(seen).toEqual([
      {
        actor: staff,
        from: 'ADMITTED',
        to: 'ENROLLED',
        trigger: 'MANUAL',
        effectiveDate: '2020-03-02',
        reason: 'term starts',
        statusInTransaction: 'ENROLLED',
        inTransaction: true,
      },
    ]);
  });

  it('rolls the status change, its audit entry and the seat release back when a listener throws', async () => {
    const student = await saveStudent(dataSource, setup.cohort.id, { status: 'ENROLLED', majorCode: 'M01' });
    hooks.onStatusChange(async () => {
      throw new Error('schedule could not be cancelled');
    });

    await expect(service.changeStatus(staff, student.id, { status: 'WITHDRAWN' })).rejects.toThrow('schedule could not be cancelled');

    expect((await reload(student.id)).status).toBe('ENROLLED');
    expect(await auditCount(student.id)).toBe(0);
    expect(await seatsTaken()).toBe(1);
  });

  it('keeps what a listener wrote through the manager when the change commits', async () => {
    const student = await saveStudent(dataSource, setup.cohort.id, { status: 'ENROLLED', majorCode: 'M01' });
    hooks.onStatusChange(async ({ manager, actor, student: changed }) => {
      await manager.insert(AuditEntryEntity, {
        at: '2020-03-02T08:00:00.000Z',
        actorId: actor?.id ?? null,
        action: 'listener.ran',
        entityType: 'student',
        entityId: changed.id,
        before: null,
        after: null,
      });
    });

    await service.changeStatus(staff, student.id, { status: 'SUSPENDED', effectiveDate: '2020-03-10' });

    expect(await dataSource.getRepository(AuditEntryEntity).findBy({ entityId: student.id })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'student.status-changed' }),
        expect.objectContaining({ action: 'listener.ran' }),
      ]),
    );
  });

  it("lets a placement move a student to INTERNING inside the caller's own transaction", async () => {
    const student = await saveStudent(dataSource, setup.cohort.id, { status: 'ENROLLED', majorCode: 'M01' });
    const changes: string[] = [];
    hooks.onStatusChange(async ({ from, to, trigger }) => {
      changes.push(`${from}->${to} by ${trigger}`);
    });

    const moved = await dataSource.transaction((manager) =>
      service.applyTransition(manager, staff, student.id, 'INTERNING', {
        trigger: 'PLACEMENT',
        reason: 'internship confirmed',
        effectiveDate: '2020-07-01',
      }),
    );

    expect(moved).toMatchObject({ status: 'INTERNING', statusReason: 'internship confirmed', statusEffectiveDate: '2020-07-01' });
    expect(await reload(student.id)).toMatchObject({ status: 'INTERNING', statusEffectiveDate: '2020-07-01' });
    expect(changes).toEqual(['ENROLLED->INTERNING by PLACEMENT']);
  });

  it("rolls a placement-triggered change back with the caller's transaction", async () => {
    const student = await saveStudent(dataSource, setup.cohort.id, { status: 'ENROLLED', majorCode: 'M01' });

    await expect(
      dataSource.transaction(async (manager) => {
        await service.applyTransition(manager, staff, student.id, 'INTERNING', { trigger: 'PLACEMENT' });
        throw new Error('placement confirmation failed later');
      }),
    ).rejects.toThrow('placement confirmation failed later');

    expect((await reload(student.id)).status).toBe('ENROLLED');
    expect(await auditCount(student.id)).toBe(0);
  });

  it('refuses INTERNING by hand and does not call the listeners', async () => {
    const student = await saveStudent(dataSource, setup.cohort.id, { status: 'ENROLLED', majorCode: 'M01' });
    const listener = jest.fn(async () => undefined);
    hooks.onStatusChange(listener);

    await expect(service.changeStatus(staff, student.id, { status: 'INTERNING' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });

    expect(listener).not.toHaveBeenCalled();
  });

  it('frees the major seat when a student holding one withdraws', async () => {
    const student = await saveStudent(dataSource, setup.cohort.id, { status: 'SUSPENDED', majorCode: 'M01' });

    await service.changeStatus(staff, student.id, { status: 'WITHDRAWN', reason: 'moved away' });

    expect(await seatsTaken()).toBe(0);
  });

  it("dates a change without an effective date on today's Shanghai date, already tomorrow at 23:30 UTC", async () => {
    const student = await saveStudent(dataSource, setup.cohort.id, { status: 'ENROLLED', majorCode: 'M01' });
    clock.instant = new Date('2026-12-02T23:30:00Z');

    await service.changeStatus(staff, student.id, { status: 'SUSPENDED' });

    expect((await reload(student.id)).statusEffectiveDate).toBe('2026-12-03');
  });

  it('refuses an effective date before the current status took effect', async () => {
    const student = await saveStudent(dataSource, setup.cohort.id, {
      status: 'ENROLLED',
      majorCode: 'M01',
      statusEffectiveDate: '2019-09-01',
    });

    await expect(service.changeStatus(staff, student.id, { status: 'SUSPENDED', effectiveDate: '2019-08-31' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'effectiveDate', message: 'must not be before 2019-09-01, when the current status ENROLLED took effect' }],
    });
  });

  describe('applyTransitionMany', () => {
    const admitted = (overrides: Partial<StudentEntity> = {}) =>
      saveStudent(dataSource, setup.cohort.id, { status: 'ADMITTED', majorCode: 'M01', statusEffectiveDate: '2019-07-01', ...overrides });
    /** Admitted students as read back, each with the given overrides. */
    const admittedStudents = async (...overrides: Partial<StudentEntity>[]) =>
      Promise.all((await Promise.all(overrides.map((o) => admitted(o)))).map((s) => reload(s.id)));
    const enrolAll = (students: StudentEntity[]) =>
      dataSource.transaction((manager) =>
        service.applyTransitionMany(
          manager,
          staff,
          'ENROLLED',
          students.map((student) => ({ student, effectiveDate: '2019-09-01' })),
          { trigger: 'MANUAL' },
        ),
      );
    const singleError = (id: number) =>
      service.changeStatus(staff, id, { status: 'ENROLLED', effectiveDate: '2019-09-01' }).catch((e) => e);

    it('moves the students it may and refuses the others with the very error a single change answers', async () => {
      const students = await admittedStudents({}, { majorCode: null }, { statusEffectiveDate: '2019-09-05' });
      const [ok, noMajor, late] = students;

      const { moved, refused } = await enrolAll(students);

      expect(moved.map((s) => [s.id, s.status, s.statusEffectiveDate])).toEqual([[ok.id, 'ENROLLED', '2019-09-01']]);
      expect(await reload(ok.id)).toMatchObject({ status: 'ENROLLED', statusEffectiveDate: '2019-09-01' });
      const errors = refused.map(({ student, error }) => [student.id, error.code, error.message, error.details]);
      expect(errors).toEqual(
        await Promise.all(
          [noMajor, late].map(async ({ id }) => {
            const e = await singleError(id);
            return [id, e.code, e.message, e.details];
          }),
        ),
      );
      expect(errors.map((e) => e[2])).toEqual([
        'A student needs a major before enrolling',
        'effectiveDate: must not be before 2019-09-05, when the current status ADMITTED took effect',
      ]);
    });

    it('runs the listeners of a bulk move inside the batch wrappers, once for the whole move', async () => {
      const students = await admittedStudents({}, {});
      const events: string[] = [];
      hooks.onStatusChange(async ({ student }) => {
        events.push(`changed ${student.id}`);
      });
      hooks.onBatch(async (_manager, work) => {
        events.push('batch opens');
        const result = await work();
        events.push('batch closes');
        return result;
      });

      await enrolAll(students);

      expect(events).toEqual(['batch opens', ...students.map((s) => `changed ${s.id}`), 'batch closes']);
    });

    it('fails whole when a student was changed since it was read, and changes nobody', async () => {
      const students = await admittedStudents({}, {});
      await dataSource.getRepository(StudentEntity).update({ id: students[1].id }, { status: 'WITHDRAWN' });

      await expect(enrolAll(students)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: '2 students were changed by another request meanwhile; try again',
      });
      expect((await reload(students[0].id)).status).toBe('ADMITTED');
    });

    it('frees the seat of each withdrawing student only if the major is still the one read', async () => {
      const student = await reload((await admitted()).id);
      await dataSource.getRepository(StudentEntity).update({ id: student.id }, { majorCode: 'M02' });

      await expect(
        dataSource.transaction((manager) =>
          service.applyTransitionMany(manager, staff, 'WITHDRAWN', [{ student, effectiveDate: '2019-08-01' }], { trigger: 'MANUAL' }),
        ),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await seatsTaken()).toBe(1);
    });
  });
});
