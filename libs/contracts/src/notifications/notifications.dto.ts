import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MEMBER_ID, MEMBER_ID_MESSAGE } from '../member/member.dto';
import { ExactlyOneOf } from '../notification/distribution.dto';

/** Long enough for a promotion or a notice, short enough for a lock-screen alert and Google's message body. */
export const NOTIFICATION_MESSAGE_MAX = 500;

export class SendNotificationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The pass to show the message on; give this or member_id', example: '3f6c2a7e-8d1b-4c55-9a3e-2b7f1d0c9e41' })
  @ExactlyOneOf(['pass_id', 'member_id'], 64)
  pass_id?: string;

  @ApiPropertyOptional({ example: 'MEMBER-001', description: "Every active pass of this member (Apple and Google); give this or pass_id", pattern: MEMBER_ID.source })
  @IsOptional()
  @IsString()
  @Matches(MEMBER_ID, { message: MEMBER_ID_MESSAGE })
  member_id?: string;

  @ApiProperty({ example: 'Double points on all coffee this weekend!', maxLength: NOTIFICATION_MESSAGE_MAX })
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(NOTIFICATION_MESSAGE_MAX)
  message: string;
}
