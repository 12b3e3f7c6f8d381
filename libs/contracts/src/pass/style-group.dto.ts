import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MAX_POINTS } from '../member/member.dto';

export const MAX_STYLE_RULES = 50;

export class StyleRuleDto {
  @ApiProperty({ format: 'uuid', description: 'The pass style used inside this points range' })
  @IsUUID('all', { message: 'must be a pass style id (uuid)' })
  pass_style_id: string;

  @ApiProperty({ example: 0, minimum: 0 })
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_POINTS)
  min_points: number;

  @ApiProperty({ example: 100, minimum: 0, description: '0 means no upper bound' })
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_POINTS)
  max_points: number;
}

/** Rules pick a pass style by points; ranges are inclusive and must not overlap (gaps are fine). */
export class StyleGroupDto {
  @ApiProperty({ example: 'Tier Colors' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: [StyleRuleDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'must list at least one rule' })
  @ArrayMaxSize(MAX_STYLE_RULES, { message: `must list at most ${MAX_STYLE_RULES} rules` })
  @ValidateNested({ each: true })
  @Type(() => StyleRuleDto)
  rules: StyleRuleDto[];
}
