import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PointsRangeDto } from '../member/member.dto';

export const MAX_STYLE_RULES = 50;

export class StyleRuleDto extends PointsRangeDto {
  @ApiProperty({ format: 'uuid', description: 'The pass style used inside this points range' })
  @IsUUID('all', { message: 'must be a pass style id (uuid)' })
  pass_style_id: string;
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
  // ValidateNested lets null and nested arrays through; every entry must be an object.
  @IsObject({ each: true, message: 'each entry must be an object' })
  @ValidateNested({ each: true })
  @Type(() => StyleRuleDto)
  rules: StyleRuleDto[];
}
