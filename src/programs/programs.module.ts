import { Module } from '@nestjs/common';
import { MajorSeatsRepository } from './major-seats.repository';

@Module({
  providers: [MajorSeatsRepository],
  exports: [MajorSeatsRepository],
})
export class ProgramsModule {}
