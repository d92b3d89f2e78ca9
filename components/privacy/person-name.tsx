import Link from 'next/link';

/** A person in an investigation view: a link by name, or their pseudonym (no id, no link). */
export function PersonName({
  person,
}: {
  person: { id: string | null; fullName: string; pseudonymized?: boolean };
}) {
  if (person.id === null)
    return (
      <span
        className="pseudonym"
        data-testid="pseudonym"
        title="Pseudonymized until a case is opened on this person or they are revealed"
      >
        {person.fullName}
      </span>
    );
  return <Link href={`/people/${person.id}`}>{person.fullName}</Link>;
}
