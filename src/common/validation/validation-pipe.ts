import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorDetail } from '../errors/domain-error';
import { findTextProblems } from './text-characters';

/**
 * The one validation pipeline: unknown fields refused, types converted, every bad field named. Before the DTO
 * rules, every string of the body, query and path parameters is checked for characters no field may hold
 * (text-characters.ts), whatever the parameter's type, so routes that take a plain record (the page forms) are
 * covered too.
 */
class AppValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problems = findTextProblems(value, metadata.data);
      if (problems.length) throw validationFailed(problems);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

function validationFailed(details: ErrorDetail[]): DomainError {
  const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  return new DomainError('VALIDATION_FAILED', summary || 'Validation failed', details);
}

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property \S+ /, 'unknown field; '),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
