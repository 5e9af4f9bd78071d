import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CohortsController } from './cohorts.controller';
import { CohortsRepository } from './cohorts.repository';
import { CohortsService } from './cohorts.service';
import { MajorSeatsRepository } from './major-seats.repository';
import { MajorsService } from './majors.service';
import { ProgramsController } from './programs.controller';
import { ProgramsService } from './programs.service';

@Module({
  imports: [AuditModule],
  controllers: [ProgramsController, CohortsController],
  providers: [ProgramsService, CohortsService, MajorsService, CohortsRepository, MajorSeatsRepository],
  exports: [CohortsRepository, MajorSeatsRepository, CohortsService, MajorsService, ProgramsService],
})
export class ProgramsModule {}
