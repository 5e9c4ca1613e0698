import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error.js';
import { createValidationPipe } from './validation-pipe.js';

class Inner {
  @IsInt()
  @Min(0)
  count!: number;
}

class Outer {
  @IsString()
  name!: string;

  @ValidateNested()
  @Type(() => Inner)
  inner!: Inner;
}

describe('validation pipe', () => {
  const pipe = createValidationPipe();
  const meta = { type: 'body' as const, metatype: Outer };

  it('reports nested and unknown fields by dotted path', async () => {
    expect.assertions(2);
    try {
      await pipe.transform({ name: 1, inner: { count: -1, extra: true }, rogue: 1 }, meta);
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationFailedError);
      expect((err as ValidationFailedError).errors.map((e) => e.field).sort()).toEqual(['inner.count', 'inner.extra', 'name', 'rogue']);
    }
  });

  it('refuses bodies that are not objects', async () => {
    for (const value of [null, [], 'x', 3]) {
      await expect(pipe.transform(value, meta)).rejects.toMatchObject({ errors: [{ field: 'body' }] });
    }
  });

  it('passes and transforms a valid body', async () => {
    const value = await pipe.transform({ name: 'n', inner: { count: 2 } }, meta);
    expect(value).toBeInstanceOf(Outer);
  });
});

describe('NUL characters', () => {
  const pipe = createValidationPipe();

  it('are refused anywhere in a body, naming the field', async () => {
    await expect(pipe.transform({ name: 'a\u0000b', inner: { count: 1 } }, { type: 'body', metatype: Outer })).rejects.toMatchObject({
      errors: [{ field: 'name', message: 'must not contain NUL characters or unpaired surrogates' }],
    });
    await expect(pipe.transform({ name: 'a', inner: { count: 1, ['x\u0000']: 1 } }, { type: 'body', metatype: Outer })).rejects.toMatchObject({
      errors: [{ field: 'inner.x\u0000' }],
    });
  });

  it('nor unpaired surrogates (no UTF-8 form), while paired ones (emoji) pass', async () => {
    for (const name of ['a\ud800', '\udc00b', 'x\ud83d']) {
      await expect(pipe.transform({ name, inner: { count: 1 } }, { type: 'body', metatype: Outer })).rejects.toMatchObject({ errors: [{ field: 'name' }] });
    }
    await expect(pipe.transform({ name: 'ok \ud83d\ude00', inner: { count: 1 } }, { type: 'body', metatype: Outer })).resolves.toBeInstanceOf(Outer);
  });

  it('are refused in path parameters', async () => {
    await expect(pipe.transform('cns_\u0000', { type: 'param', data: 'id', metatype: String })).rejects.toMatchObject({ errors: [{ field: 'id' }] });
  });
});
