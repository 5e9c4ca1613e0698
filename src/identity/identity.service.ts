import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { Principal } from '../auth/principal.js';
import { ValidationFailedError } from '../common/errors/domain-error.js';
import type { Language } from '../common/http/language.js';
import { newId } from '../common/ids.js';
import { chinaDate } from './domain/civil-date.js';
import { checkIdentity, type IdentityCheckResult } from './domain/identity-check.js';
import type { IdentityCheckDto, IdentityCheckRequestDto } from './dto/identity-check.dto.js';
import { IdentityCheckRecord } from './identity-check.entity.js';
import { IdentitySignals } from './identity-signals.service.js';
import { PiiHasher } from './pii-hasher.service.js';
import { UsageRecorder } from '../metering/usage-recorder.service.js';

@Injectable()
export class IdentityService {
  constructor(
    @InjectRepository(IdentityCheckRecord) private readonly records: Repository<IdentityCheckRecord>,
    private readonly hasher: PiiHasher,
    private readonly signals: IdentitySignals,
    private readonly usage: UsageRecorder,
  ) {}

  /**
   * Checks the fields given. Malformed input (not 18 ID characters, not a phone number at
   * all) is a 400; well-formed but invalid input (wrong check digit, unknown region) is a
   * 200 with per-field results, stored with keyed hashes only.
   */
  async check(principal: Principal, input: IdentityCheckRequestDto, language: Language, now = new Date()): Promise<IdentityCheckDto> {
    if (input.idNumber === undefined && input.phone === undefined && input.name === undefined) {
      throw new ValidationFailedError([{ field: 'body', message: 'send at least one of idNumber, phone, name' }]);
    }
    const result = checkIdentity(input, chinaDate(now));
    if (!result.wellFormed) {
      throw new ValidationFailedError(result.malformedFields.map((field) => ({ field, message: malformedMessage(field) })));
    }
    const idNumberHash = input.idNumber !== undefined ? this.hasher.idNumber(input.idNumber) : null;
    const record = this.records.create({
      id: newId('idc'),
      tenantId: principal.tenantId,
      idNumberHash,
      phoneHash: input.phone !== undefined ? this.hasher.phone(input.phone) : null,
      valid: result.valid,
      result: storedResult(result),
      createdAt: now,
    });
    // The check and its billable unit commit together.
    await this.records.manager.transaction(async (manager) => {
      await manager.insert(IdentityCheckRecord, record as QueryDeepPartialEntity<IdentityCheckRecord>);
      await this.usage.recordBillable(manager, {
        tenantId: principal.tenantId,
        mode: principal.mode,
        apiKeyId: principal.keyId,
        product: 'identity_checks',
        route: 'POST /v1/identity-checks',
        units: 1,
        resourceId: record.id,
        isCall: true,
        occurredAt: now,
      });
    });
    if (!result.valid && idNumberHash) await this.signals.recordFailure(idNumberHash, principal.mode);
    return present(record, result, language);
  }
}

function malformedMessage(field: string): string {
  return field === 'idNumber' ? 'idNumber must be 17 digits followed by a digit or X' : `${field} is not a mobile number`;
}

/** What is kept of a check: validity, reason codes, birth date, age and region code. */
function storedResult(result: IdentityCheckResult): Record<string, unknown> {
  return {
    idNumber: result.idNumber && { ...result.idNumber, region: result.idNumber.region?.code },
    phone: result.phone,
    name: result.name,
  };
}

function present(record: IdentityCheckRecord, result: IdentityCheckResult, language: Language): IdentityCheckDto {
  const idNumber = result.idNumber;
  return {
    id: record.id,
    valid: result.valid,
    ...(idNumber
      ? {
          idNumber: {
            valid: idNumber.valid,
            ...(idNumber.reason ? { reason: idNumber.reason } : {}),
            ...(idNumber.birthDate ? { birthDate: idNumber.birthDate, age: idNumber.age } : {}),
            ...(idNumber.region ? { region: { code: idNumber.region.code, name: idNumber.region[language] } } : {}),
          },
        }
      : {}),
    ...(result.phone ? { phone: result.phone } : {}),
    ...(result.name ? { name: result.name } : {}),
    createdAt: record.createdAt.toISOString(),
  };
}
