/** The roles in the console's words: names, and what each may do on its site. */
import { ROLES, type Role } from '../../shared/roles';

export { ROLES };

export const ROLE_LABEL: Record<Role, string> = {
  agent: 'Agent',
  supervisor: 'Supervisor',
  admin: 'Admin',
};

export const ROLE_HINT: Record<Role, string> = {
  agent: 'answers chats, sees their own breakdown and the team’s scores',
  supervisor: 'also opens every agent’s breakdown and reads the scores API',
  admin: 'also manages the site, its key and its team',
};
