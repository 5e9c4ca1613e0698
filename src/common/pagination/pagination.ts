import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { IsOptional } from '../validation/is-optional.js';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export class PaginationQueryDto {
  /** Page size, 1–100. @example 20 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** Return items after this id (the `nextCursor` of the previous page). @example "ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  @IsOptional()
  @Matches(/^[a-z]{3}_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'startingAfter must be a resource id' })
  startingAfter?: string;
}

export interface Page<T> {
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

/**
 * Cursor pagination over time-sortable ids, newest first. The cursor is the last id of the
 * page, so pages stay stable while new items arrive.
 */
export async function paginate<E extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<E>,
  page: PaginationQueryDto,
): Promise<Page<E>> {
  const limit = page.limit ?? 20;
  const alias = query.alias;
  if (page.startingAfter) query.andWhere(`${alias}.id < :startingAfter`, { startingAfter: page.startingAfter });
  const rows = await query.orderBy(`${alias}.id`, 'DESC').take(limit + 1).getMany();
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  return { data, hasMore, nextCursor: hasMore ? (data[data.length - 1]?.id ?? null) : null };
}

export function mapPage<E, T>(page: Page<E>, map: (item: E) => T): Page<T> {
  return { data: page.data.map(map), hasMore: page.hasMore, nextCursor: page.nextCursor };
}

/** An OpenAPI-described page class for `item`. */
export function PageOf<T>(item: ClassType<T>): ClassType<Page<T>> {
  class PageDto {
    @ApiProperty({ type: [item] })
    data!: T[];

    @ApiProperty({ example: false })
    hasMore!: boolean;

    @ApiPropertyOptional({ type: String, nullable: true, example: null, description: 'Pass as `startingAfter` for the next page.' })
    nextCursor!: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  return PageDto;
}
