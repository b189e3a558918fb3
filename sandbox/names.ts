// Danish-looking names for the synthetic population (common first names and surnames; several with
// æ, ø, å on purpose, so every screen and codec meets them).

export const MALE_NAMES = [
  'Søren', 'Jørgen', 'Bjørn', 'Mads', 'Rasmus', 'Anders', 'Niels', 'Jens', 'Peter', 'Lars', 'Morten',
  'Mikkel', 'Frederik', 'Kasper', 'Thomas', 'Henrik', 'Ole', 'Poul', 'Kåre', 'Bent', 'Torben', 'Asger',
  'Emil', 'Oliver', 'Malthe', 'Lasse', 'Jesper', 'Steffen', 'Øjvind', 'Ærling', 'Carsten', 'Villads',
] as const;

export const FEMALE_NAMES = [
  'Mette', 'Søs', 'Bodil', 'Åse', 'Ida', 'Freja', 'Sofie', 'Anne', 'Kirsten', 'Hanne', 'Lene', 'Louise',
  'Maja', 'Camilla', 'Signe', 'Trine', 'Birthe', 'Gitte', 'Lærke', 'Sørine', 'Marie', 'Karen', 'Inge',
  'Astrid', 'Ellen', 'Mathilde', 'Nanna', 'Tove', 'Bente', 'Dorte', 'Øllegård', 'Rikke',
] as const;

export const SURNAMES = [
  'Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen',
  'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen',
  'Johansen', 'Møller', 'Mortensen', 'Kjær', 'Grønbæk', 'Højgaard', 'Ågård', 'Bækgaard', 'Østergaard',
  'Søndergaard', 'Lund', 'Holm', 'Dahl', 'Bjørnholm', 'Frøslev', 'Skovgård', 'Vestergaard', 'Damgård',
  'Krøyer', 'Åkjær', 'Lægaard',
] as const;

export const COMPANY_WORDS = [
  'Nordisk', 'Fjord', 'Bøgeskov', 'Havne', 'Lyngby', 'Kronborg', 'Ådal', 'Sølv', 'Grøn', 'Strand',
  'Mølle', 'Kyst', 'Rønne', 'Løvens', 'Egeskov', 'Åbro', 'Klitgaard', 'Bølge',
] as const;

export const COMPANY_KINDS = [
  'Byg ApS', 'Logistik A/S', 'Rengøring ApS', 'IT A/S', 'Køkken & Kantine ApS', 'Tømrer ApS', 'Handel A/S',
  'Pleje ApS', 'Transport A/S', 'Elektro ApS', 'Bageri ApS', 'Revision A/S',
] as const;

export const JOB_TITLES = [
  'Lagermedarbejder', 'Social- og sundhedshjælper', 'Tømrer', 'Kok', 'Chauffør', 'Butiksassistent',
  'Bogholder', 'IT-supporter', 'Pædagogmedhjælper', 'Rengøringsassistent', 'Elektriker', 'Kontorassistent',
  'Smed', 'Salgskonsulent', 'Projektleder', 'Ekspedient',
] as const;
