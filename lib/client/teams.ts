import type { TeamDetail, TeamSummary } from '../teams/manage-teams';
import type { TeamRole } from '../teams/membership';
import { api } from './api';

// The browser's calls for teams (app/api/teams/**).

const team = (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}`;

export const listTeams = () => api<TeamSummary[]>('/api/teams');
export const getTeam = (teamId: string) => api<TeamDetail>(team(teamId));
export const createTeam = (name: string) => api<{ id: string; name: string }>('/api/teams', { method: 'POST', body: { name } });
export const deleteTeam = (teamId: string) => api<void>(team(teamId), { method: 'DELETE' });
export const addMember = (teamId: string, input: { email: string; role: TeamRole }) =>
  api<TeamDetail>(`${team(teamId)}/members`, { method: 'POST', body: input });
export const cancelInvite = (teamId: string, email: string) =>
  api<void>(`${team(teamId)}/invites/${encodeURIComponent(email)}`, { method: 'DELETE' });
export const removeMember = (teamId: string, userId: string) =>
  api<void>(`${team(teamId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });
