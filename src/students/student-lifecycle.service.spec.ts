import { DataSource } from 'typeorm';
import { saveCohortWithMajors, CohortSetup } from '../../test/factories/reference-data';
import { saveStudent } from '../../test/factories/students';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { AuditService } from '../audit/audit.service';
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
});
