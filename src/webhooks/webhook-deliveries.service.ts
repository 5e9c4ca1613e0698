import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Repository } from 'typeorm';
import { type DataOwner, ownerFilter } from '../auth/principal.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { paginate, type Page, type PaginationQueryDto } from '../common/pagination/pagination.js';
import { type JobPayloads, QueueName } from '../queues/queue-registry.js';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';

@Injectable()
export class WebhookDeliveriesService {
  constructor(
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectRepository(WebhookAttempt) private readonly attempts: Repository<WebhookAttempt>,
    @InjectQueue(QueueName.Webhooks) private readonly queue: Queue,
  ) {}

  list(owner: DataOwner, page: PaginationQueryDto, status?: string): Promise<Page<WebhookDelivery>> {
    const query = this.deliveries.createQueryBuilder('delivery').where(ownerFilter(owner));
    if (status) query.andWhere('delivery.status = :status', { status });
    return paginate(query, page);
  }

  async get(owner: DataOwner, id: string): Promise<WebhookDelivery> {
    const delivery = await this.deliveries.findOneBy({ id, ...ownerFilter(owner) });
    if (!delivery) throw new NotFoundError('webhook delivery', id);
    return delivery;
  }

  attemptLog(deliveryId: string): Promise<WebhookAttempt[]> {
    return this.attempts.find({ where: { deliveryId }, order: { attempt: 'ASC' } });
  }

  /**
   * One more attempt, now, outside the automatic schedule (which, if still running, carries on
   * and stops once the event is delivered). Also re-sends an event already delivered.
   */
  async retry(owner: DataOwner, id: string, now = new Date()): Promise<WebhookDelivery> {
    await this.get(owner, id);
    await this.deliveries.update({ id, ...ownerFilter(owner), status: 'failed' }, { status: 'pending' });
    const data: JobPayloads['webhook.deliver'] = { deliveryId: id, manual: true };
    await this.queue.add('webhook.deliver', data, { jobId: `${id}-manual-${now.getTime()}`, attempts: 1, removeOnComplete: { age: 7 * 24 * 3_600 }, removeOnFail: { age: 30 * 24 * 3_600 } });
    return this.get(owner, id);
  }
}
