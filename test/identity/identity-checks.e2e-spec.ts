import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { partner } from '../support/factories.js';
import { mobile, residentId, withWrongCheckCharacter } from '../support/people.js';

describe('POST /v1/identity-checks', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
    ({ auth } = await partner(api, ctx.adminToken, ['scores:write']));
  });
  afterAll(() => ctx.close());

  it('validates an ID number, phone and name, deriving birth date, age and region', async () => {
    const res = await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: residentId('19900307', '110105'), phone: '+86 138 0013 8000', name: '张三' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      valid: true,
      idNumber: { valid: true, birthDate: '1990-03-07', region: { code: '11', name: 'Beijing' } },
      phone: { valid: true },
      name: { valid: true },
    });
    expect(res.body.idNumber.age).toBeGreaterThanOrEqual(36);
    const zh = await api.http().post('/v1/identity-checks').set(auth).set('accept-language', 'zh-CN,zh;q=0.9').send({ idNumber: residentId('19900307', '310101') });
    expect(zh.body.idNumber.region).toEqual({ code: '31', name: '上海市' });
  });

  it('accepts a check character X', async () => {
    const res = await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: '11010519491231002X' });
    expect(res.body.idNumber).toMatchObject({ valid: true, birthDate: '1949-12-31' });
    const lower = await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: '11010519491231002x' });
    expect(lower.body.idNumber.valid).toBe(true);
  });

  it('answers 200 with per-field reasons for well-formed but invalid values', async () => {
    const wrongCheck = await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: withWrongCheckCharacter(residentId()) });
    expect(wrongCheck.status).toBe(200);
    expect(wrongCheck.body).toMatchObject({ valid: false, idNumber: { valid: false, reason: 'checksum_mismatch' } });
    const future = residentId('20991231');
    const inFuture = await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: future });
    expect(inFuture.body.idNumber.reason).toBe('birth_date_in_future');
    const noRegion = await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: residentId('19900307', '990101') });
    expect(noRegion.body.idNumber.reason).toBe('unknown_region');
    const feb30 = await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: residentId('19900230') });
    expect(feb30.body.idNumber.reason).toBe('invalid_birth_date');
  });

  it.each([
    [{ idNumber: '12345' }, 'idNumber'],
    [{ idNumber: '11010519491231002Y' }, 'idNumber'],
    [{ phone: 'call me' }, 'phone'],
    [{}, 'body'],
    [{ idNumber: 110105194912310020 }, 'idNumber'],
    [{ idNumber: '11010519491231002X', ssn: '1' }, 'ssn'],
  ])('answers 400 for malformed input %j naming %s', async (body, field) => {
    const res = await api.http().post('/v1/identity-checks').set(auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('stores and logs neither the ID number nor the phone number', async () => {
    const idNumber = residentId('19851111', '440301');
    const phone = mobile();
    await api.http().post('/v1/identity-checks').set(auth).send({ idNumber, phone, name: '李四' }).expect(200);
    const db = api.app.get<DataSource>(getDataSourceToken());
    const rows = JSON.stringify(await db.query('SELECT * FROM identity_checks'));
    expect(rows).toContain('"valid":true');
    expect(rows).not.toContain(idNumber);
    expect(rows).not.toContain(idNumber.slice(6, 14) + idNumber.slice(14));
    expect(rows).not.toContain(phone);
    expect(api.logs.text()).not.toContain(idNumber);
    expect(api.logs.text()).not.toContain(phone);
  });
});
