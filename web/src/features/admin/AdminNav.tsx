import { NavLink, Text } from '@mantine/core';
import {
  IconBolt,
  IconCategory2,
  IconForms,
  IconHistory,
  IconKey,
  IconListCheck,
  IconMail,
  type Icon,
  IconRoute,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { useCurrentUser } from '../../app/auth.tsx';
import { adminPath, sectionsFor } from './sections.ts';

const icons: Record<string, Icon> = {
  users: IconUsers,
  groups: IconUsersGroup,
  taxonomy: IconCategory2,
  'custom-fields': IconForms,
  'resolution-codes': IconListCheck,
  tokens: IconKey,
  'audit-log': IconHistory,
  routing: IconRoute,
  channels: IconMail,
  automation: IconBolt,
};

/** The "Admin" part of the workspace navigation: only the screens the signed-in role may use. */
export function AdminNav() {
  const user = useCurrentUser();
  const location = useLocation();
  const sections = sectionsFor(user.role);
  if (sections.length === 0) return null;
  return (
    <nav aria-label="Admin">
      <Text component="h2" m={0} size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="lg" pb={6} style={{ letterSpacing: '0.06em' }}>
        Admin
      </Text>
      {sections.map((section) => {
        const SectionIcon = icons[section.slug] ?? IconUsers;
        const to = adminPath(section.slug);
        const active = location.pathname === to || location.pathname.startsWith(`${to}/`);
        return (
          <NavLink
            key={section.slug}
            component={Link}
            to={to}
            label={section.label}
            leftSection={<SectionIcon size={18} stroke={1.7} />}
            active={active}
            aria-current={active ? 'page' : undefined}
            variant="light"
            className="fl-nav-link"
          />
        );
      })}
    </nav>
  );
}
