// A PKCS#12 file exported with OpenSSL's -legacy option (certificate bag encrypted with RC2-40, key
// with 3DES), as old Windows/OpenSSL 1.x exports are. node-forge reads it; OpenSSL 3 (Node's TLS) does not.
// Generated once with: openssl req -x509 -newkey rsa:2048 -days 3650 -subj "/CN=Legacy Eksport/O=A-kasse
// Nordlys (test)/OU=akasse-067/serialNumber=CVR:12345678-UUID:0b6e5f1c-..." && openssl pkcs12 -export -legacy.
// Valid 2026-11-22 to 2036-11-19 (tests use a fixed clock inside that period). Passphrase: LEGACY_P12_PASSPHRASE.
export const LEGACY_P12_PASSPHRASE = 'gammel-eksport';
export const LEGACY_P12_BASE64 =
  'MIIKQQIBAzCCCgcGCSqGSIb3DQEHAaCCCfgEggn0MIIJ8DCCBKcGCSqGSIb3DQEHBqCCBJgwggSUAgEAMIIEjQYJKoZIhvcN' +
  'AQcBMBwGCiqGSIb3DQEMAQYwDgQIp6oCFazUzbUCAggAgIIEYK2RD0nV1dHCN/Wy4MJ5SRFtKfH/iiFTDBiWwqv72kG463fO' +
  '/ISoy1Qeops87LtsoTTorsVpnj0YKWdLSf6naKkz9C/OvtZLqLD/W6pFxXjnY1CwMzzELm2sPoGkmOJF5Gz8IrvIBLZfLiTl' +
  '+16tSqhDI2QCTksG1oS3SCct4/CvuNoxdRMMUnRw22/O4X1wk1wM/+wrLrIzC2KC1d/kmI/TRYk8EWb7mjXp7A93vE8+L9a+' +
  'gb2Yu7v7hW/1Q44m4v5C+HUiJ86kQci+hnE5rxsf3UmRGrzMZpxDQzOZ3ak4ve+FDzpduaUv2WsPpIdst1clNDjXT2UQit7L' +
  'O58W+x+Jfws3UtB2M/PYtEtlrOA0VCmEAvDM0Tq/fZEKGEnIHQTh2OEex4tNuZYHHbdjD4M2BaF0Or3dcsNtft2Efz0LLSis' +
  'E0Buy1G0Gq2Sl2YoTyWk2FuAmlyNNB3WWpgIGCV8Mq3j4LbLi8J5HJCt+ZDhHqHjp5ftrVqeexUbmy1y4FnHwpeFutZiv8uD' +
  '8XRJyTqh8HAitGlYychD4zj6QZP60Xv75Qlh6Kkrl5W5GB1BwQn5AF4oQEZsVaGlrED5uvzhcrZHS9tFThTVePQDHqWsn4bN' +
  '5ppF9BdQXfp8oGaqgH0oeAJKpJXVFz4Pia5VE1BdSRGwYJXmWQxs9rCzXCVulAVWxNg4eYtykmB5iMbxQ24KWArHaiKvUwEN' +
  'epY60bIYwOL9CMU2rfFMirkVpoDIlHzYJSfMqY9ToNyEAFSF7o2c0iZkPHZvSDOnt38fHIwf2fCAC65Usi+MHg8Cij0a4YHo' +
  'HAxwiJ240uol+CfqN6c7+YwNo/yrJ475D3ZWGei0LWwO3ra7xriLWGFk77R4bCPEcthjg5fsLt/2Pvb0rhQiIbBNPHgKl5yj' +
  '6csfrJWHHRFzlVtChDcUY/kWFM39wFJBQxOlWBWoSQcIGUmYG7/attiozwKngs29Soq3SVqANO/absIEsfDOoUMi0+7Lufkl' +
  'W81TUgg6ETzgajKukLug9/hXZGcR0Ys+0Q2Vh7zzSJWbdzIfCe1sVfx9jmgUBOme/2wvmUWDrv0ZuF7Wp0zFNVAGus+gkRfO' +
  'a4OyzbgbCa3H4pZDJQYpkGxqTB4rDSRC9HW6gi2/FU5OYVQA5iQCJIMz7hR1F/qk4d1QzU4tJczKFR1mrtfLGGKrE/Gap84J' +
  'FdC3Llb7YFKdhGf8wWR8f2wfgQhNSLp5VSam9mpoR+kEZUzpFhF9/It8cnry9yOMqWP45iVrwEaYQFTmzhgrHZ5hUlFHxskV' +
  'axlZs3ZlgkLzqrE7GMYsu1ip6CRq4KTqvuAE9gxI2+x/ik+kVD2ZNJmIGiS+VmVmI6g66Tx87umlkHyzHbbJJdT/Dec/PP3s' +
  'qhbbv/ooj+GK2j5/+Mu4Jx74mvCJ16xip8YbEfFe0pPrXTT30S6A8nWw9K4H+wWlIo2/byvJGDT2dlbwqKFvBIPTlUE3BaMS' +
  'Gui58n0wggVBBgkqhkiG9w0BBwGgggUyBIIFLjCCBSowggUmBgsqhkiG9w0BDAoBAqCCBO4wggTqMBwGCiqGSIb3DQEMAQMw' +
  'DgQIAVWBfQCfyC4CAggABIIEyGq1PSFY34wnajRnFD8+CU7vxIXm7B1YXaDRuBpO79DBGx4eIdoSZcZTxGNPm0RteqeZDHuL' +
  '7jxlXs7/5jgaQ1LUjyQEA22cqFT7IXgE1aj6sm3ZnZwD6U/qKEUwZFx8MDAcC/3QWMFbND7g48tRjHS2zPq5VOeWCPLzUX1v' +
  '8cw9cjXYvrdIMjuZe2CFkaDbKfDHhEVksECcYbHYtSRxjitBGKBfNKhIAh3pIhsyiFOky8frqIoBpku2aS/k08W+gKZlS+Qu' +
  'utOT9rhr5hEfl8jfU67ai4GLxvGPjpCqpFx164jR+5taEZpgrukuI7mnv8kQ4UiRzgsK+ZQs/IcAGcfYP7IgngruFvDVQdXY' +
  'ue/Rp2E52nOzTOEObTmtscZKeAt7lxglJoACRjTnh57Ez1J5hZgTLm4gLXcxnOd1oAbhSmRAjcTN/q8D7DTMrTzrgaDoFqix' +
  'wdtf+++K0Rk0tRCDaj+ATTjTdITO8Jv15UeBjYZQWucEOzI07w9c0MYA7bkECsFvLjsJ1J9dqt6NqJGvkhRMl+bA06cMigw0' +
  'lZiJjvOWYowtqVc3ZU3KfXGj6PPX7O30rLso2nZfrE2F2NVMz/6UhjmTb2wr+J0tFOgPow9R4bkXxjJMrO7roSxgfXsojXoi' +
  'v83Xc8r5LANmPcxPAK3UcskODiAWYQX0nu6u1uWvq5SfP/FLpX5DpYqZgwNPQltVJrByfYyg6utmD9Fj1kIi+G5Npykhp/M8' +
  'TV7AV14+0PZsFQ6CPXgkINVV1LUT1eWVvZfzjtSl+BCbZnmhPXTL6y4LCBzJ7U6X3Tv4P6q/DJFzOf5ZtI8i6WZq3pcTV0UI' +
  'O5Dbx6XlB8FpA3zUfOVPm9V7I2/6/kmm5QJdQD1/MakwQjaOBczZCuCn2BuM/lQsWY7lwjswFE8h0rUN8tvDBdCI3R/eyWCH' +
  'fGV2A88cJQsqDfUWyJJKMWynzXjzgJV/OfemR2eV/uN0bByv1E6a286QVIR8KbLO8rZSp3/Zo5evlESJtuIGY82X2y2CM/eK' +
  'Tgziv3tQBqRrPZsuUl43cZdkaNi4MOIvjvoXE3I1UsRTdqCwnJ+AfcAeSgZZsu6X1tEMXvh6agXKQG28n1SxCwnh4r1Dv9eV' +
  'SadYKAKlCK7qE4witR9PfpYoCJkS9jWWJrA1MnkNDKs3V/c3UhkBLMFox1r3HoE2SNZCZlQoRHVDwPADjqghUa0v7fpqX1KD' +
  'jbsOh1LXo3P4+FIBNur+tOgAvoqgLLPjCtiofZWygAv72U2JuxpDshQt0TOnBq+9oFmNeHRYB6KN516U74wg3hBxLQvQJiA9' +
  'Z1v+par76gxnhlwbYGfmyn97reQaacn7IFpermkB81RQj6z6qk5zjPP9on+6mhcoohiTPFdpT/f7BAuEYOJ5cq30Q27nEbbV' +
  'w6Cm/hTp7+HXQBp/++tbJWsZD+bpykhWsEMHVudMhI5NzYvmRUFhCam+D5GcKB6rpXWI0oWKFonZHPJkm7F5Kd0lvAji6QZ3' +
  'IZAHQui8atjetu7NnFAl9FzAo7+eetz4Jo4CwM7/lyiDLyM5wgBG+l/PUf1GEniu21f/XhKpqHpTffzlyChWzgZttHZ+kXl1' +
  'RhT8vpRONHAjunIasbaI9SM/STElMCMGCSqGSIb3DQEJFTEWBBRhYZrpP+kyjiYl+dJ1kq4Hj/Fj7TAxMCEwCQYFKw4DAhoF' +
  'AAQUkji3bX/wTCi0zyUxFA20jzczI0AECEeG7ebIpX1qAgIIAA==';
