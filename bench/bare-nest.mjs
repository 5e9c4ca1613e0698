// The reference point of bench:http: Nest on the Fastify adapter with one `GET /health/live`
// route and nothing else (no hooks, logging, metrics or security headers). Issue #2 calibrates
// its targets against this ("about 44,000 requests/s for Nest on Fastify here"); measuring it
// in the same run says how fast this machine is today. Plain JS, so decorators are applied by hand.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

class HealthController {
  live() {
    return { status: 'ok' };
  }
}
Controller('health')(HealthController);
Get('live')(HealthController.prototype, 'live', Object.getOwnPropertyDescriptor(HealthController.prototype, 'live'));

class BareModule {}
Module({ controllers: [HealthController] })(BareModule);

const app = await NestFactory.create(BareModule, new FastifyAdapter(), { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
console.log('"bare nest started"');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
