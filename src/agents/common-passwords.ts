/**
 * The most used passwords of public breach corpora, lower case, as people type them and as their letter core
 * (digits and symbols around them stripped): "Password-123!" is refused because "password" is here.
 */
export const commonPasswords: ReadonlySet<string> = new Set(
  (
    '123456 1234567 12345678 123456789 1234567890 0123456789 987654321 654321 111111 000000 121212 123123 ' +
    '112233 123321 666666 696969 7777777 888888 131313 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx zaq12wsx ' +
    'q1w2e3r4 qwe123 asd123 abc123 abc abcd abcdef abcdefg abcdefgh qwerty qwertyu qwertyui qwertyuiop ' +
    'qwertz azerty asdf asdfgh asdfghjk asdfghjkl zxcvbn zxcvbnm qazwsx qwe qweasd qweasdzxc password ' +
    'passwort passw passwd pass pasword passpass secret letmein welcome admin administrator root toor ' +
    'login user guest test tester changeme default access master iloveyou loveyou love lovely trustno ' +
    'whatever nothing hello helloworld monkey dragon shadow sunshine princess football baseball soccer ' +
    'hockey basketball superman batman spiderman starwars pokemon naruto michael jennifer jordan hunter ' +
    'ashley jessica charlie daniel thomas andrew robert matthew george killer freedom flower cookie ' +
    'chocolate summer winter spring autumn secure computer internet samsung google apple mustang ferrari ' +
    'porsche harley ginger pepper cheese banana orange purple silver golden diamond angel angels blink ' +
    'maggie buster tigger biteme letmeinnow fuckyou fuckoff asshole jesus christ god heaven ninja solo ' +
    'matrix mynoob liverpool chelsea arsenal barcelona yankees cowboys eagles lakers company business ' +
    'support customer service helpdesk office baton console '
  )
    .trim()
    .split(' '),
);
