import { createRequire } from 'node:module';
import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage.js';
import { getMetadataStorage, type ValidationArguments, ValidationTypes, type ValidatorConstraintInterface } from 'class-validator';

/**
 * A fast path for the gateway's validation pipe: for a JSON body it returns the DTO instance
 * that class-transformer and class-validator would produce, or `undefined` when it is not
 * certain the body is valid, and the pipe then runs the libraries themselves (so every error
 * is still theirs, word for word).
 *
 * Nothing here restates a rule. The plan for a class is read once from the libraries' own
 * metadata, and a body is checked by calling the very constraint objects class-validator
 * would call, with the same arguments, in the walk `ValidationExecutor` makes for the pipe's
 * options (whitelist, forbidNonWhitelisted, forbidUnknownValues, no groups). What it leaves
 * out is the libraries' per-request cost: metadata lookups, error objects for every property,
 * promises: about a sixth of the api's CPU per score. A class using anything the plan does not
 * model (transforms, expose/exclude, discriminators, nested arrays, async rules) gets no plan,
 * and a body holding anything unusual (unknown keys, objects where no `@Type` is declared)
 * falls back. A differential property test holds the two paths together.
 */
export type FastPath = (body: unknown) => object | undefined;

// The storage instance class-transformer's decorators write to (its package has no ESM entry).
const transformerStorage = (createRequire(import.meta.url)('class-transformer/cjs/storage.js') as { defaultMetadataStorage: TransformerStorage }).defaultMetadataStorage;

/** A DTO class, as the libraries' metadata is keyed. */
export type DtoClass = abstract new (...args: never[]) => unknown;

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

interface Check {
  metadata: ValidationMetadata;
  constraints: ValidatorConstraintInterface[];
}

interface PropertyPlan {
  name: string;
  /** class-transformer's `@Type` for the property, if any. */
  type: ReturnType<TransformerStorage['findTypeMetadata']> | undefined;
  conditions: ((object: object, value: unknown) => boolean)[];
  checks: Check[];
  nested: boolean;
}

interface ClassPlan {
  target: new () => object;
  properties: Map<string, PropertyPlan>;
  /** `properties`' values, kept as an array: the check loop runs on every body. */
  list: PropertyPlan[];
}

const plans = new WeakMap<DtoClass, ClassPlan | null>();

/**
 * The DTO instance for `body` when the fast path is sure of it, else `undefined`. It accepts no
 * text PostgreSQL cannot store (`isStorableText`), so a body it accepts needs no separate NUL scan (the pipe's first pass).
 */
export function fastTransform(target: DtoClass, body: unknown): object | undefined {
  const plan = planFor(target);
  if (!plan) return undefined;
  const instance = build(plan, body);
  return instance !== undefined && passes(plan, instance) ? instance : undefined;
}

/** `fastTransform` bound to `target`, or `undefined` when its metadata uses something the plan does not model. */
export function fastPathFor(target: DtoClass): FastPath | undefined {
  return planFor(target) && ((body) => fastTransform(target, body));
}

function planFor(target: DtoClass): ClassPlan | undefined {
  if (!plans.has(target)) {
    plans.set(target, null); // a class that reaches itself again while planning gets no plan
    plans.set(target, compile(target) ?? null);
  }
  return plans.get(target) ?? undefined;
}

function compile(target: DtoClass): ClassPlan | undefined {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, '', false, false, undefined);
  if (metadatas.length === 0) return undefined; // forbidUnknownValues refuses such a value
  if (transformerStorage.getStrategy(target) !== 'none' || transformerStorage.getExposedMetadatas(target).length > 0 || transformerStorage.getExcludedMetadatas(target).length > 0) return undefined;

  const properties = new Map<string, PropertyPlan>();
  for (const [name, list] of Object.entries(storage.groupByPropertyName(metadatas))) {
    // Nest strips these keys from a body before the libraries see it.
    if (name === '__proto__' || name === 'constructor' || name === 'prototype' || Object.getOwnPropertyDescriptor(target.prototype, name)) return undefined;
    if (transformerStorage.findTransformMetadatas(target, name, TransformationType.PLAIN_TO_CLASS).length > 0) return undefined;
    const type = transformerStorage.findTypeMetadata(target, name);
    // Discriminated types, and collections class-transformer builds itself, are not modelled.
    if (type?.options?.discriminator || (type && type.reflectedType !== undefined && [Map, Set, Array].includes(type.reflectedType as never))) return undefined;
    const plan: PropertyPlan = { name, type, conditions: [], checks: [], nested: false };
    for (const metadata of list) {
      switch (metadata.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          plan.conditions.push(metadata.constraints[0] as PropertyPlan['conditions'][number]);
          break;
        case ValidationTypes.CUSTOM_VALIDATION:
        case ValidationTypes.IS_DEFINED: {
          const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
          if (constraints.some((c) => c.async)) return undefined;
          plan.checks.push({ metadata, constraints: constraints.map((c) => c.instance) });
          break;
        }
        case ValidationTypes.NESTED_VALIDATION:
          plan.nested = true;
          break;
        case ValidationTypes.WHITELIST:
          break;
        default:
          return undefined; // promise validation, or a type this plan does not know
      }
    }
    properties.set(name, plan);
  }
  return { target: target as ClassPlan['target'], properties, list: [...properties.values()] };
}

/**
 * What `plainToInstance` builds for the pipe's options, limited to JSON shapes it is sure of:
 * primitives, arrays of primitives, and objects where a `@Type` names a class with a plan.
 */
function build(plan: ClassPlan, value: unknown): object | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const instance = new plan.target() as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    const property = plan.properties.get(key);
    if (!property) return undefined; // whitelisting refuses it (or the pipe strips it): the libraries decide
    const { type } = property;
    const sub = (value as Record<string, unknown>)[key];
    // class-transformer skips a key whose current value is a method; `@Type` on a primitive converts it.
    if (typeof instance[key] === 'function' || (type && (sub === null || typeof sub !== 'object' || Array.isArray(sub)))) return undefined;
    if (sub === null || typeof sub !== 'object') {
      if (isUnstorable(sub)) return undefined;
      instance[key] = sub;
    } else if (Array.isArray(sub)) {
      if (!sub.every((item) => (item === null || typeof item !== 'object') && !isUnstorable(item))) return undefined;
      instance[key] = [...(sub as unknown[])];
    } else {
      const nestedTarget = type?.typeFunction({ newObject: instance, object: value as Record<string, unknown>, property: key });
      const nestedPlan = typeof nestedTarget === 'function' ? planFor(nestedTarget as DtoClass) : undefined;
      if (!nestedPlan) return undefined;
      const nested = build(nestedPlan, sub);
      if (nested === undefined) return undefined;
      instance[key] = nested;
    }
  }
  return instance;
}

function isUnstorable(value: unknown): boolean {
  return typeof value === 'string' && !isStorableText(value);
}

/**
 * Text PostgreSQL can store: no U+0000, and well-formed UTF-16 (an unpaired surrogate such as
 * `"\ud800"`, legal in JSON, has no UTF-8 form and fails in the database as a 500).
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

/**
 * `ValidationExecutor.execute` for the pipe's options, answering only "no error anywhere".
 * Plain loops: this runs on every body, and iterator entries, closures and one-item arrays
 * per rule made it the largest allocator on the score path.
 */
function passes(plan: ClassPlan, object: object): boolean {
  for (const key of Object.keys(object)) if (!plan.properties.has(key)) return false;
  for (const rules of plan.list) {
    const value = (object as Record<string, unknown>)[rules.name];
    if (!conditionsHold(rules, object, value)) continue;
    for (const { metadata, constraints } of rules.checks) {
      if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
      const args: ValidationArguments = { targetName: object.constructor.name, property: metadata.propertyName, object, value, constraints: metadata.constraints };
      // (A built instance holds no Set or Map, the other collections `each` would walk.)
      const each = metadata.each === true && Array.isArray(value);
      for (const constraint of constraints) {
        if (!each) {
          if (constraint.validate(value, args) !== true) return false; // false, or a promise: not sure
          continue;
        }
        for (const item of value as unknown[]) if (constraint.validate(item, args) !== true) return false;
      }
    }
    if (rules.nested && value !== undefined) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
      const nestedPlan = planFor(value.constructor as DtoClass);
      if (!nestedPlan || !passes(nestedPlan, value)) return false;
    }
  }
  return true;
}

function conditionsHold(rules: PropertyPlan, object: object, value: unknown): boolean {
  for (const condition of rules.conditions) if (!condition(object, value)) return false;
  return true;
}
