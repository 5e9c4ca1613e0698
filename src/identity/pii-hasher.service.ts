import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { hashMobile, hashResidentId } from './domain/pii-hash.js';

/** Keyed hashes of ID and phone numbers under the deployment's PII_HASH_SECRET. */
@Injectable()
export class PiiHasher {
  private readonly secret: string;

  constructor(config: AppConfig) {
    this.secret = config.piiHashSecret;
  }

  idNumber(idNumber: string): string {
    return hashResidentId(idNumber, this.secret);
  }

  phone(phone: string): string {
    return hashMobile(phone, this.secret);
  }
}
