import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BankAccountsModule } from '../bank-accounts/bank-accounts.module';
import { ProgramsModule } from '../programs/programs.module';
import { BankFileService } from './bank-file.service';
import { PaymentBatchesController } from './payment-batches.controller';
import { PaymentBatchesRepository } from './payment-batches.repository';
import { PaymentBatchesService } from './payment-batches.service';
import { ReturnFileService } from './return-file.service';

/** Paying a class at once through the bank's bulk transfer: batches, the bank file out, the return file in. */
@Module({
  imports: [AuditModule, BankAccountsModule, ProgramsModule],
  controllers: [PaymentBatchesController],
  providers: [PaymentBatchesService, BankFileService, ReturnFileService, PaymentBatchesRepository],
  exports: [PaymentBatchesService, BankFileService, ReturnFileService],
})
export class PaymentBatchesModule {}
