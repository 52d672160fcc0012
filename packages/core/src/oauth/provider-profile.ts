/** Who the provider says signed in: its subject, and the address it gave (if any) and whether it verified it. */
export interface ProviderProfile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
}
