#!/usr/bin/env python3
"""Generate samlint's example agreements (dev-only).

Writes, next to this script:

* ``komplett/``      a complete fictional agreement set (hovedavtale.pdf plus
                     delavtaler 1-6 as DOCX and PDF), every § 6-2 point covered;
* ``mangelfull.pdf`` and ``mangelfull.docx``: the same deficient single-file
                     agreement in both formats.

Everything is fictional (Storfjell kommune, Lundvær kommune, Helse Nordvik HF).
The output is byte-reproducible: PDFs are written with reportlab's
``invariant=1`` and the standard Helvetica font (WinAnsi covers æ ø å § « » –,
and nothing is embedded, so no font file on the machine matters); DOCX files
get fixed core properties and are re-zipped with sorted entries and a fixed
timestamp.

Usage (dev dependencies only: ``pip install reportlab python-docx``)::

    python examples/build_examples.py

The agreement texts are written in a small line-based markup, parsed by
``parse()``:

    !title T      document title          !sub T    subtitle line
    # T           heading level 1         ## T      heading level 2
    - T           bullet list item        | a | b   table row (first row = header)
    blank line    paragraph break         other     paragraph text (lines joined)
"""

# The agreement texts below have long table rows and titles.
# ruff: noqa: E501

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from html import escape
from pathlib import Path

from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2024, 6, 14, 12, 0, 0)
ZIP_DATE = (2024, 6, 14, 12, 0, 0)
AUTHOR = "samlint examples (fiktivt)"

KOMMUNE = "Storfjell kommune"
HF = "Helse Nordvik HF"

# --------------------------------------------------------------------------
# Agreement texts
# --------------------------------------------------------------------------

HOVEDAVTALE = """
!title Samarbeidsavtale mellom Storfjell kommune og Helse Nordvik HF
!sub Hovedavtale – vedtatt i partnerskapsmøtet 14. juni 2024

# 1. Parter

Avtalen er inngått mellom Storfjell kommune (heretter kalt kommunen) og Helse
Nordvik HF (heretter kalt helseforetaket), sammen omtalt som partene.
Helseforetaket omfatter Nordvik sykehus, Storfjell distriktspsykiatriske senter
(DPS), prehospitale tjenester og Nordvik sykehusapotek. Kommunen representeres
ved kommunedirektøren, helseforetaket ved administrerende direktør.

Avtalen gjelder for alle virksomheter hos partene som yter helse- og
omsorgstjenester til innbyggere i Storfjell kommune, også når tjenestene ytes
av private aktører på oppdrag fra en av partene. Partene skal sørge for at
egne avtaler med slike aktører ikke er i strid med denne avtalen.

# 2. Bakgrunn og rettslig grunnlag

Avtalen er inngått i samsvar med helse- og omsorgstjenesteloven §§ 6-1 og 6-2
og spesialisthelsetjenesteloven § 2-1 e. Den bygger videre på avtalen mellom
regjeringen og KS om etablering av helsefellesskap og på Nasjonal helse- og
samhandlingsplan.

Samarbeidsavtalen består av denne hovedavtalen og seks delavtaler, som er
listet i punkt 11. Hovedavtalen og delavtalene utgjør til sammen én
samarbeidsavtale og skal leses i sammenheng. Ved motstrid går hovedavtalen
foran delavtalene. Utfyllende prosedyrer og retningslinjer som partene vedtar
med hjemmel i delavtalene, skal være tilgjengelige for ansatte hos begge parter
og skal ikke endre ansvarsfordelingen i avtalen.

# 3. Formål

Avtalen skal bidra til at pasienter og brukere mottar helhetlige og
sammenhengende helse- og omsorgstjenester av god kvalitet, uavhengig av hvilket
forvaltningsnivå som yter tjenesten. Partene skal gjennom avtalen:

- sikre at pasienter og brukere opplever tjenestene som koordinerte, trygge og
  forutsigbare, også i overgangene mellom nivåene
- ha en felles forståelse av hvem som har ansvaret for hvilke oppgaver, og av
  hvilke tiltak hver part skal utføre
- legge til rette for at tjenestene ytes på beste effektive omsorgsnivå
- bruke de samlede ressursene i regionen effektivt og til beste for
  innbyggerne
- løse uenighet og avvik raskt og på lavest mulig nivå
- styrke pasientsikkerheten gjennom systematisk læring på tvers av nivåene

# 4. Grunnleggende prinsipper for samarbeidet

Partene er likeverdige. Hver part har et selvstendig ansvar for å oppfylle
sine lovpålagte plikter, og avtalen endrer ikke det ansvaret som følger av lov
eller forskrift. Partene skal opptre lojalt overfor hverandre og informere
hverandre i god tid om forhold som kan påvirke den andre partens tjenester.

Hver part bærer selv sine kostnader ved gjennomføringen av avtalen, med mindre
annet er avtalt skriftlig. Oppgaver skal ikke overføres fra ett forvaltningsnivå
til et annet uten at dette er avtalt etter reglene i delavtale 1 og delavtale 6.
Når en part vurderer vesentlige endringer i eget tjenestetilbud som berører den
andre parten, skal den andre parten involveres før beslutning tas.

# 5. Helsefellesskapet Nordvik og samarbeidsstrukturen

Kommunen og helseforetaket deltar i Helsefellesskapet Nordvik sammen med de
øvrige kommunene i helseforetakets opptaksområde. Helsefellesskapet er den
overordnede arenaen for samarbeid etter denne avtalen og er organisert i tre
nivåer.

## 5.1 Partnerskapsmøtet

Partnerskapsmøtet er helsefellesskapets øverste organ og består av
ordførerne og kommunedirektørene i kommunene, helseforetakets
administrerende direktør og styreleder, to brukerrepresentanter og en
representant for fastlegene. Partnerskapsmøtet møtes én gang i året, vedtar
felles prioriteringer og mål for det kommende året, behandler årsrapporten
fra strategisk samarbeidsutvalg og vedtar endringer i hovedavtalen.

## 5.2 Strategisk samarbeidsutvalg

Strategisk samarbeidsutvalg har fire representanter fra kommunene, fire fra
helseforetaket, én fastlegerepresentant og to brukerrepresentanter.
Ledervervet går på omgang mellom kommunene og helseforetaket hvert annet år.
Utvalget møtes minst fire ganger i året og skal:

- følge opp at avtalen etterleves, og foreslå endringer i delavtalene
- lede den årlige plansyklusen som er beskrevet i delavtale 6
- oppnevne de faglige samarbeidsutvalgene og gi dem mandat
- behandle saker om uenighet etter punkt 9
- utarbeide årsrapport til partnerskapsmøtet

Helseforetakets samhandlingsavdeling er sekretariat for utvalget og sender ut
innkalling og saksdokumenter senest én uke før møtene.

## 5.3 Faglige samarbeidsutvalg

Det er opprettet faglige samarbeidsutvalg for barn og unge, for psykisk helse
og rus, for skrøpelige eldre og personer med flere kroniske lidelser, og for
akuttmedisin og beredskap. Utvalgene er partssammensatte, har minst én
brukerrepresentant, møtes minst fire ganger i året og rapporterer til
strategisk samarbeidsutvalg. De utarbeider og vedlikeholder felles prosedyrer
innenfor sitt område og foreslår tiltak til handlingsplanen.

## 5.4 Lokalt samarbeidsutvalg og kontaktpunkter

Kommunen og Nordvik sykehus har et lokalt samarbeidsutvalg som møtes to ganger
i året og følger opp driftsnære spørsmål, avvik og samarbeidstiltak mellom
partene. Hver part utpeker en fast kontaktperson for avtalen. Kontaktpersonene
er første kontaktpunkt for spørsmål om avtalen og holder en oppdatert
oversikt over kontaktpunkter i egen organisasjon.

## 5.5 Fastlegene og praksiskonsulentordningen

Fastlegene er en sentral del av samhandlingen mellom nivåene. Kommunen sørger
for at fastlegene kjenner avtalen og de prosedyrene som gjelder dem, og for at
fastlegene er representert i utvalgene. Helseforetaket har praksiskonsulenter,
som er fastleger i deltidsstilling ved sykehuset. Praksiskonsulentene gir råd
om henvisninger, epikriser og pasientforløp, deltar i arbeidet med felles
prosedyrer og holder fastlegene orientert om endringer ved sykehuset.

# 6. Brukermedvirkning

Pasienter, brukere og pårørende skal medvirke både i den enkeltes forløp og i
arbeidet med å utvikle samarbeidet. Brukerrepresentantene i partnerskapsmøtet
og utvalgene oppnevnes etter forslag fra helseforetakets brukerutvalg og
kommunens råd for personer med funksjonsnedsettelse, eldrerådet og
ungdomsrådet. Brukerrepresentantene får møtegodtgjørelse og dekning av
reiseutgifter etter den oppnevnende partens regler.

Nye prosedyrer og tiltak etter avtalen skal forelegges brukerrepresentantene
før de vedtas. Partene skal hvert annet år gjennomføre en felles
brukerundersøkelse om overgangene mellom sykehus og kommune, og resultatene
skal behandles i strategisk samarbeidsutvalg. Helseforetaket gir
brukerrepresentantene et årlig opplæringstilbud om rollen.

# 7. Avvik og læring

Avvik fra avtalen og uønskede hendelser i samhandlingen meldes skriftlig til
den andre partens kontaktpunkt på felles skjema. Mottakeren skal bekrefte
mottak innen tre virkedager og gi et begrunnet svar innen tre uker. Avvik som
har ført til eller kunne ført til alvorlig skade, varsles i tillegg muntlig
samme dag. Sekretariatet sammenstiller avviksmeldingene hvert halvår, og det
lokale samarbeidsutvalget drøfter dem og beslutter forbedringstiltak.

# 8. Taushetsplikt, personvern og informasjonssikkerhet

Utveksling av pasientopplysninger skal skje i samsvar med helsepersonelloven,
pasientjournalloven og personvernforordningen. Hver part er
behandlingsansvarlig for opplysninger i egne systemer. Partene skal følge
Norm for informasjonssikkerhet og personvern i helse- og omsorgssektoren.
Brudd på informasjonssikkerheten som kan berøre den andre parten, skal
varsles til den andre partens personvernombud uten ugrunnet opphold.
Partene skal bare utveksle de opplysningene som er nødvendige for å gi
forsvarlig helsehjelp, og pasienten skal informeres om hvilke opplysninger
som deles.

# 9. Håndtering av uenighet

Uenighet om tolkning eller etterlevelse av avtalen skal først søkes løst
mellom de involverte tjenestestedene. Saken løftes deretter trinnvis:

- Tjenestestedene drøfter saken og søker å løse den innen to uker. Partenes
  kontaktpersoner for avtalen orienteres.
- Lykkes ikke dette, legges saken fram for det lokale samarbeidsutvalget, som
  behandler den i første møte eller i et ekstraordinært møte innen fire uker.
- Er partene fortsatt uenige, kan hver av dem bringe saken inn for strategisk
  samarbeidsutvalg med en skriftlig redegjørelse. Utvalget behandler saken
  innen seks uker.
- Fører heller ikke dette fram, kan hver av partene bringe saken inn for den
  nasjonale tvisteløsningsnemnda for samarbeidsavtaler. Partene kan i stedet
  avtale mekling.

Mens en uenighet behandles, skal partene fortsette å oppfylle avtalen slik den
har vært praktisert. Uenighet skal ikke gå ut over pasientene. Klager fra
enkeltpasienter behandles etter pasient- og brukerrettighetsloven og omfattes
ikke av denne bestemmelsen.

# 10. Ikrafttredelse, årlig revisjon og oppsigelse

Avtalen trer i kraft 1. juli 2024 og gjelder inntil den blir sagt opp. Den
erstatter samarbeidsavtalen mellom partene fra 2016 med tilhørende
tjenesteavtaler.

Strategisk samarbeidsutvalg gjennomgår avtalen innen 1. mars hvert år. Ved
gjennomgangen vurderes det om avtalen etterleves, om den fortsatt svarer til
behovene, og om delavtaler eller prosedyrer skal endres. Resultatet tas inn i
årsrapporten til partnerskapsmøtet. Hver part kan i tillegg kreve avtalen
reforhandlet dersom forutsetningene endres vesentlig.

Endringer i hovedavtalen vedtas av partnerskapsmøtet. Endringer i delavtalene
vedtas av strategisk samarbeidsutvalg. Alle endringer skal være skriftlige og
godkjennes av begge parter. Avtalen og endringer i den sendes
Helsedirektoratet.

Avtalen kan sies opp skriftlig av hver av partene med tolv måneders
oppsigelsesfrist. Ved oppsigelse skal partene straks ta opp forhandlinger om
ny avtale. Inntil ny avtale foreligger, gjelder avtalen så langt den passer.

# 11. Delavtaler

Følgende delavtaler er en del av samarbeidsavtalen:

- Delavtale 1: Oppgavefordeling og samarbeid om pasienter med behov for
  koordinerte tjenester (§ 6-2 første ledd nr. 1 og 2)
- Delavtale 2: Innleggelse i sykehus, kommunalt døgnopphold for øyeblikkelig
  hjelp og utskrivningsklare pasienter (nr. 3, 4 og 5)
- Delavtale 3: Kunnskapsoverføring, informasjonsutveksling, forskning,
  utdanning, praksis og læretid (nr. 6 og 7)
- Delavtale 4: Jordmortenester, IKT-løysingar lokalt og førebygging (nr. 8, 9
  og 10, skrevet på nynorsk)
- Delavtale 5: Omforente beredskapsplaner og den akuttmedisinske kjeden (nr. 11)
- Delavtale 6: Felles planlegging og utvikling av tjenestene, barn og unge med
  sammensatte behov og samarbeidstiltak (nr. 12 og 13 og annet ledd)

# 12. Underskrifter

Avtalen er underskrevet i to eksemplarer, ett til hver part.

| For Storfjell kommune | For Helse Nordvik HF
| Ingrid Solheim, kommunedirektør | Tor Aune, administrerende direktør
| Storfjell, 20. juni 2024 | Nordvik, 20. juni 2024
"""

DELAVTALE_1 = """
!title Delavtale 1 – Oppgavefordeling og samarbeid om pasienter med behov for koordinerte tjenester
!sub Delavtale til samarbeidsavtalen mellom Storfjell kommune og Helse Nordvik HF (§ 6-2 første ledd nr. 1 og 2)

# 1. Formål og virkeområde

Delavtalen skal gi partene en felles forståelse av hvilke helse- og
omsorgsoppgaver hvert forvaltningsnivå har ansvaret for, og av hvilke tiltak
partene skal utføre. Den fastsetter også retningslinjer for samarbeidet om
pasienter som har behov for koordinerte tjenester, herunder ved innleggelse og
utskrivning, habilitering, rehabilitering og lærings- og mestringstilbud.
Delavtalen gjelder alle somatiske og psykiske helsetjenester og tjenester til
personer med rusproblemer.

# 2. Ansvars- og oppgavefordeling mellom forvaltningsnivåene

## 2.1 Kommunens ansvar

Kommunen har ansvaret for å sørge for nødvendige helse- og omsorgstjenester
til alle som oppholder seg i kommunen. Kommunen skal blant annet:

- tilby allmennlegetjenester gjennom fastlegeordningen og legevakt
- yte helsetjenester i hjemmet, praktisk bistand og opphold i sykehjem
- sørge for kommunal rehabilitering og habilitering, herunder
  hverdagsrehabilitering og ergo- og fysioterapi
- gi tilbud om døgnopphold for øyeblikkelig hjelp, jf. delavtale 2
- ta imot utskrivningsklare pasienter og følge opp behandlingen som er startet
  i spesialisthelsetjenesten
- drive helsestasjons- og skolehelsetjeneste og forebyggende arbeid

## 2.2 Helseforetakets ansvar

Helseforetaket har ansvaret for spesialisthelsetjenester til befolkningen i
opptaksområdet. Helseforetaket skal blant annet:

- utrede, diagnostisere og behandle pasienter som er henvist eller kommer inn
  akutt, og gi råd og veiledning til kommunens helsepersonell
- yte spesialisert habilitering og rehabilitering og drive lærings- og
  mestringssenteret ved Nordvik sykehus
- gi ambulant veiledning til kommunen når pasienter med særlige behov skrives
  ut, og delta i samarbeidsmøter når kommunen ber om det
- drive prehospitale tjenester, herunder ambulansetjenesten og AMK-sentralen

## 2.3 Felles oppfatning av tiltak i grenseområdene

For områder der ansvarsdelingen ofte er uklar, har partene blitt enige om
følgende fordeling av tiltak. Tabellen revideres av det lokale
samarbeidsutvalget hvert år.

| Område | Kommunen utfører | Helseforetaket utfører
| Sårbehandling | Daglig stell og oppfølging av sår etter plan fra sykehuset; dokumenterer utviklingen | Lager behandlingsplan, gir veiledning og tar imot pasienten til kontroll ved manglende tilheling
| Lindrende behandling | Palliativ oppfølging i hjemmet og i sykehjem, med tilgang til lindrende legemidler | Palliativt team gir råd hele døgnet og gjør hjemmebesøk ved behov
| Intravenøs behandling | Gjennomfører antibiotikabehandling i hjemmet når pasienten er stabil | Starter behandlingen, leverer plan og utstyr for de første tre døgnene
| Psykisk helse og rus | Oppfølging i bolig, aktivitetstilbud og koordinator | Utredning og behandling ved DPS, ambulant akutteam og oppfølging i FACT-team
| Medisinskteknisk utstyr | Hjelpemidler til daglig bruk og opplæring av hjemmetjenesten | Spesialutstyr knyttet til behandlingen, med service og opplæring av kommunens personell

## 2.4 Endring og overføring av oppgaver

Ingen part kan overføre oppgaver til den andre parten uten at dette er avtalt.
Forslag om å overføre eller endre oppgaver skal legges fram for det lokale
samarbeidsutvalget med en konsekvensvurdering av kompetanse, bemanning,
økonomi og pasientsikkerhet. Strategisk samarbeidsutvalg avgjør saken. En
overføring kan tidligst gjennomføres seks måneder etter vedtaket, og
helseforetaket skal gi nødvendig opplæring før oppgaven overtas.

# 3. Samarbeid om pasienter med behov for koordinerte tjenester

## 3.1 Individuell plan og koordinator

Alle pasienter med behov for langvarige og koordinerte tjenester har rett til
individuell plan. Kommunen har hovedansvaret for å utarbeide og koordinere
planen når pasienten mottar tjenester fra begge nivåene. Helseforetaket skal
varsle koordinerende enhet i kommunen når det ser behov for individuell plan,
og skal oppnevne en koordinator for pasienter med behov for komplekse eller
langvarige spesialisthelsetjenester. Koordinatorene hos partene skal ha kontakt
minst ved hver innleggelse og utskrivning.

## 3.2 Koordinerende enhet

Begge parter har en koordinerende enhet for habilitering og rehabilitering.
Enhetene har et oppdatert kontaktpunkt med telefonnummer og funksjonsadresse,
tar imot meldinger om behov for individuell plan og koordinator, og har
hovedansvaret for opplæring av koordinatorer hos egen part. Enhetene møtes
minst to ganger i året for å gjennomgå rutiner og enkeltsaker der samarbeidet
ikke har fungert.

## 3.3 Innleggelse og utskrivning av pasienter med koordinerte tjenester

Ved innleggelse skal sykehuset kartlegge om pasienten har individuell plan
eller koordinator, og i så fall kontakte koordinatoren innen ett virkedøgn.
Før utskrivning skal sykehuset invitere kommunens koordinator til et
samarbeidsmøte dersom pasienten har fått vesentlig endret funksjonsnivå eller
trenger nye tjenester. Sykehuset sender med en oppdatert behandlingsplan som
kommunen innarbeider i den individuelle planen. Nærmere retningslinjer for
innleggelse og utskrivning følger av delavtale 2.

## 3.4 Habilitering og rehabilitering

Kommunen har ansvaret for habilitering og rehabilitering som ikke krever
spesialisert kompetanse, og skal tilby hverdagsrehabilitering i hjemmet.
Helseforetaket har ansvaret for spesialisert habilitering og rehabilitering,
og skal når pasienten skrives ut, sende med en rehabiliteringsplan med mål,
tiltak og forslag til videre oppfølging. Partene skal:

- bruke felles henvisningskriterier for spesialisert rehabilitering, som
  vedlikeholdes av det faglige samarbeidsutvalget for eldre og kronisk syke
- sørge for at kommunens fysio- og ergoterapeuter får tilbud om å delta på
  utskrivningssamtaler
- sørge for at helseforetakets habiliteringstjeneste gir kommunen veiledning
  i eget hjem, i bolig eller på arbeidsplassen når kommunen ber om det
- evaluere fordelingen av rehabiliteringsoppgaver i den årlige plansyklusen

## 3.5 Lærings- og mestringstilbud

Helseforetakets lærings- og mestringssenter tilbyr diagnosespesifikke kurs for
pasienter og pårørende. Kommunen tilbyr generelle mestringskurs, blant annet
kurs i mestring av depresjon og belastning, gjennom frisklivs- og
mestringssenteret. Partene lager en felles kurskatalog som oppdateres hvert
halvår og gjøres tilgjengelig for fastleger og sykehusleger. Kursene utvikles
og gjennomføres sammen med brukerrepresentanter, og partene henviser
pasientene til det tilbudet som passer best, uavhengig av hvem som driver det.

# 4. Oppfølging

Det lokale samarbeidsutvalget gjennomgår delavtalen hvert år og rapporterer
avvik og forslag til endringer til strategisk samarbeidsutvalg.
"""

DELAVTALE_2 = """
!title Delavtale 2 – Innleggelse i sykehus, døgnopphold for øyeblikkelig hjelp og utskrivningsklare pasienter
!sub Delavtale til samarbeidsavtalen mellom Storfjell kommune og Helse Nordvik HF (§ 6-2 første ledd nr. 3, 4 og 5)

# 1. Formål

Delavtalen skal sikre at pasienter blir lagt inn på riktig nivå og til riktig
tid, at kommunens tilbud om døgnopphold for øyeblikkelig hjelp brukes etter
hensikten, og at utskrivningsklare pasienter får et trygt og planlagt tilbud
når de skrives ut fra sykehuset.

# 2. Innleggelse i sykehus

## 2.1 Henvisning

Fastlegen, legevaktlegen eller annen lege med henvisningsrett vurderer behovet
for innleggelse. Ved planlagt innleggelse sendes henvisningen elektronisk til
sykehuset. Ved akutt innleggelse skal henvisende lege ringe vakthavende lege i
aktuelt fagområde før pasienten sendes, og en skriftlig innleggelsesbegrunnelse
skal følge pasienten. Henvisningen skal inneholde:

- problemstilling, funn og foreløpig vurdering
- oppdatert legemiddelliste og kjent allergi
- pasientens funksjonsnivå og hvilke kommunale tjenester pasienten mottar
- navn på pårørende og eventuell koordinator
- informasjon om pasienten har individuell plan eller reservasjon mot behandling

## 2.2 Beste effektive omsorgsnivå (BEON)

Før akutt innleggelse skal henvisende lege vurdere om pasienten kan få
forsvarlig hjelp på et lavere omsorgsnivå, for eksempel i kommunens
døgnopphold for øyeblikkelig hjelp eller med økt hjemmesykepleie. Vakthavende
lege i sykehuset skal gi råd om slike alternativer når det blir bedt om det.
Uenighet om valg av nivå skal ikke forsinke en nødvendig innleggelse.

## 2.3 Informasjon fra kommunen ved innleggelse

Når en pasient som mottar kommunale tjenester blir lagt inn, sender
hjemmetjenesten eller sykehjemmet en innleggelsesrapport til sykehuset samme
dag. Rapporten skal omfatte funksjonsnivå, sykepleiefaglige behov,
legemiddelhåndtering og eventuelle hjelpemidler.

## 2.4 Pasienttransport

Behov for ambulanse bestilles gjennom AMK-sentralen. Annen transport til
planlagt behandling bestilles gjennom Pasientreiser. Kommunen sørger for
ledsager når pasientens tilstand krever det og ledsageren ikke kan skaffes på
annen måte. Helseforetaket har ansvaret for transport mellom sykehuset og
kommunens døgnopphold for øyeblikkelig hjelp.

# 3. Kommunens tilbud om døgnopphold for øyeblikkelig hjelp

## 3.1 Tilbudet

Storfjell kommune har fire senger for døgnopphold for øyeblikkelig hjelp ved
Storfjell helsesenter. Sengene er samlokalisert med legevakten og bemannet med
sykepleier hele døgnet. Lege tilser pasienten samme dag som innleggelse og
deretter daglig, og legevaktlegen er tilgjengelig hele døgnet. Tilbudet har
tilgang til blodprøver med svar samme dag og til telemetri. Oppholdet skal
normalt ikke vare mer enn tre døgn.

## 3.2 Målgrupper

Tilbudet gjelder pasienter som trenger øyeblikkelig hjelp, men der det ikke er
behov for spesialisthelsetjenester, blant annet:

- pasienter med kjent kronisk sykdom som har en forverring som kan behandles
  med enkle tiltak, for eksempel kols eller hjertesvikt
- eldre pasienter med lettere infeksjoner som trenger observasjon og
  behandling
- pasienter med smerter eller symptomer i livets sluttfase
- pasienter med behov for observasjon etter en lettere skade når
  diagnosen er avklart

## 3.3 Eksklusjonskriterier

Følgende pasienter skal ikke legges inn i tilbudet:

- pasienter med ustabile vitale parametre eller behov for kontinuerlig
  overvåking
- pasienter med uavklart diagnose eller behov for utredning i sykehus
- pasienter med akutt rus, alvorlig psykisk lidelse eller fare for selvskading
- barn under 18 år

## 3.4 Innleggelse, ansvar og veiledning

Fastlege og legevaktlege kan legge inn i tilbudet etter en konkret vurdering.
Sykehusets akuttmottak kan også henvise pasienter etter undersøkelse.
Kommunen har det medisinske ansvaret under oppholdet. Forverres tilstanden,
skal pasienten overføres til sykehuset. Helseforetaket gir telefonisk råd fra
medisinsk bakvakt hele døgnet og tilbyr årlig kompetansedag for personalet.
Beleggsprosent, liggetid og andel som overføres til sykehus rapporteres til
det lokale samarbeidsutvalget hvert halvår.

# 4. Utskrivningsklare pasienter

## 4.1 Varsel om innlagt pasient

Senest 24 timer etter innleggelse skal sykehuset varsle kommunen dersom
pasienten antas å ha behov for kommunale tjenester etter utskrivning. Varselet
sendes som elektronisk melding og skal inneholde diagnose, antatt
funksjonsnivå, forventet utskrivningsdato og antatt behov for tjenester.
Kommunen bekrefter mottak og gir sykehuset beskjed om hvem som er kontaktperson.

## 4.2 Melding om utskrivningsklar pasient

En pasient er utskrivningsklar når lege i sykehuset har vurdert at det ikke er
behov for mer behandling i sykehus, i samsvar med forskrift om kommunal
betaling for utskrivningsklare pasienter. Vurderingen skal bygge på at
problemstillingene ved innleggelsen er avklart, at øvrige problemstillinger er
vurdert, og at det er gjort en vurdering av pasientens funksjonsnivå.
Sykehuset sender melding om utskrivningsklar pasient samme dag. Kommunen skal
straks, og senest innen kl. 14 samme dag, svare om den kan ta imot pasienten.

## 4.3 Epikrise og dokumentasjon

Når pasienten skrives ut, skal epikrise eller foreløpig epikrise, oppdatert
legemiddelliste og sykepleiedokumentasjon følge pasienten eller være sendt
elektronisk. Epikrisen sendes til fastlegen og kommunen samme dag. Endrede
legemidler skal være markert og begrunnet.

## 4.4 Betaling

Kommunen betaler for utskrivningsklare pasienter som blir liggende i sykehuset
fra og med dagen etter at kommunen har mottatt melding om utskrivningsklar
pasient, i samsvar med forskriften. Det er ikke betalingsplikt dersom varsel
eller melding etter punkt 4.1 og 4.2 ikke er sendt. Helseforetaket fakturerer
kommunen månedlig med oversikt over pasienter og antall døgn.

## 4.5 Overføring til kommunen

Pasienten skal ikke skrives ut etter kl. 18 eller til et tilbud som ikke har
bekreftet at det kan ta imot pasienten. Sykehuset informerer pasienten og
pårørende om utskrivningen og bestiller transport. Kommunen skal ha nødvendig
utstyr og legemidler klart når pasienten kommer.
"""

DELAVTALE_3 = """
!title Delavtale 3 – Kunnskapsoverføring, informasjonsutveksling, forskning, utdanning, praksis og læretid
!sub Delavtale til samarbeidsavtalen mellom Storfjell kommune og Helse Nordvik HF (§ 6-2 første ledd nr. 6 og 7)

# 1. Formål

Delavtalen skal sikre at partene deler kunnskap og informasjon på en måte som
gjør tjenestene bedre for pasientene, og at partene samarbeider om forskning,
utdanning, praksisplasser og læretid.

# 2. Gjensidig kunnskapsoverføring og informasjonsutveksling

## 2.1 Kunnskapsoverføring

Helseforetaket skal gi kommunens helsepersonell råd og veiledning om
enkeltpasienter og tilby ambulant veiledning når pasienter med særlige behov
skrives ut. Kommunen skal gi helseforetaket kunnskap om de kommunale
tjenestene og om hva kommunen kan tilby etter utskrivning. Partene lager hvert
år en felles kompetanseplan som omfatter fagdager, kurs og opplæring knyttet
til oppgaver som er overført mellom nivåene. Planen vedtas av det lokale
samarbeidsutvalget innen 1. desember.

## 2.2 Informasjonsutveksling

Partene skal informere hverandre om endringer i tjenestetilbud,
åpningstider og kontaktpunkter minst tre måneder før endringen trer i kraft.
Hver part holder en oppdatert oversikt over kontaktpersoner på
samhandlingssiden til helsefellesskapet. Helseforetaket sender ut et
nyhetsbrev til fastlegene og kommunens tjenester hvert kvartal.

## 2.3 Faglige nettverk

Partene drifter i fellesskap faglige nettverk for sårbehandling, lindrende
behandling, demens og psykisk helse og rus. Helseforetaket koordinerer
nettverkene, og hvert nettverk har minst én kontaktperson fra kommunen.
Nettverkene møtes minst to ganger i året og kan foreslå felles prosedyrer til
det faglige samarbeidsutvalget.

## 2.4 Hospitering

Ansatte hos begge parter kan hospitere hos den andre parten for å få innsikt i
den andre partens arbeid. Søknad sendes til nærmeste leder, som avklarer
varighet og innhold med mottakende enhet. Hospitering er gratis for den som
hospiterer, og hver part dekker lønn til egne ansatte. Den som hospiterer,
signerer taushetserklæring hos mottakende enhet. Partene skal til sammen tilby
minst ti hospiteringsuker i året.

# 3. Forskning, utdanning, praksis og læretid

## 3.1 Forskning

Partene skal samarbeide om forskning og innovasjon som er relevant for begge
nivåene, særlig om pasientforløp på tvers av nivåene. Helseforetakets
forskningsavdeling gir kommunen veiledning om søknader, personvern og etiske
godkjenninger. Kommunen skal involveres fra start i prosjekter som berører
kommunale tjenester eller krever data fra kommunen, og ansatte i kommunen kan
delta som medforskere og medforfattere. Partene orienterer hverandre om
pågående prosjekter i det lokale samarbeidsutvalget hvert år.

## 3.2 Utdanning

Partene samarbeider om videreutdanning og felles kurs. Helseforetaket tilbyr
kommunens leger i spesialisering i allmennmedisin sykehustjeneste etter
avtale, og kommunen tar imot leger i spesialisering del 1 i seks måneder av
utdanningsløpet. Partene gir hverandre tilgang til egne kurs mot samme
kursavgift som egne ansatte betaler, og kunngjør kursene i den felles
kompetanseplanen.

## 3.3 Praksisplasser

Partene tilbyr praksisplasser for studenter i sykepleie, vernepleie,
fysioterapi og medisin i samarbeid med Høgskolen i Nordvik og
universitetet. Partene avtaler innen 1. mai hvert år hvordan praksisplassene
skal fordeles mellom kommunen og sykehuset. Hver part skal sørge for
veiledere med relevant kompetanse og gi veilederne tid til oppgaven.
Studenter i sykehuspraksis skal så langt det er mulig få erfaring med
utskrivning og overføring til kommunen.

## 3.4 Lærlinger og læretid

Partene tar inn lærlinger i helsearbeiderfaget og samarbeider om å gi dem en
bred læretid. Lærlinger hos kommunen kan ta to til fire uker av læretiden ved
sykehuset, og lærlinger hos helseforetaket tilsvarende i kommunen.
Opplæringskontoret for offentlig sektor koordinerer utvekslingen. Hver part
er ansvarlig for egne lærlinger gjennom hele læretiden, betaler lønn og
oppnevner faglig leder, mens mottakende enhet sørger for en veileder i
utvekslingsperioden.

# 4. Oppfølging

Det lokale samarbeidsutvalget gjennomgår delavtalen hvert år og rapporterer
antall hospiteringsuker, praksisplasser og lærlinger i utveksling til
strategisk samarbeidsutvalg.
"""

DELAVTALE_4 = """
!title Delavtale 4 – Jordmortenester, IKT-løysingar lokalt og førebygging
!sub Delavtale til samarbeidsavtalen mellom Storfjell kommune og Helse Nordvik HF (helse- og omsorgstenestelova § 6-2 første ledd nr. 8, 9 og 10)

# 1. Føremål og verkeområde

Delavtalen skal sikre eit heilskapleg og trygt tilbod til gravide, fødande og
barselkvinner, gode lokale IKT-løysingar for samhandlinga mellom partane og
eit felles og målretta førebyggjande arbeid. Avtalen gjeld helsestasjonen,
jordmortenesta, fastlegane og dei kommunale helse- og omsorgstenestene i
Storfjell kommune, og kvinneklinikken, IKT-avdelinga og samhandlingsavdelinga
i Helse Nordvik HF.

# 2. Samarbeid om jordmortenester

## 2.1 Svangerskapsomsorg

Kommunen har jordmor i helsestasjonen i 160 prosent stilling og tilbyr
svangerskapskontrollar i samsvar med den nasjonale retningslinja for
svangerskapsomsorga. Kvinna kan velje om kontrollane skal gjennomførast hos
jordmor, fastlege eller begge. Partane har denne arbeidsdelinga:

- Jordmor eller fastlege tilviser til fødepoliklinikken ved Nordvik sjukehus
  når det er risikofaktorar, komplikasjonar eller behov for vurdering av
  fødestad.
- Helseføretaket sender svar og plan for vidare oppfølging til jordmor og
  fastlege same dag som konsultasjonen er gjennomført.
- Kvinner med behov for tett oppfølging, til dømes ved rusproblem eller
  psykisk liding, skal ha ein skriftleg plan som er utarbeidd i fellesskap.
- Partane held ein felles fagdag for jordmødrer kvart år, og jordmødrene i
  kommunen kan hospitere ved fødeavdelinga éi veke i året.

## 2.2 Følgjeteneste

Reisetida frå Storfjell til fødeavdelinga er over halvanna time, og det er
difor behov for følgjeteneste. Helseføretaket har ansvaret for følgjetenesta
og finansierer ei beredskapsvakt der jordmødrer tilsette i kommunen følgjer
fødande til sjukehuset i ambulanse. Kommunen organiserer vaktordninga og
rapporterer talet på utrykkingar til helseføretaket kvart halvår.
Helseføretaket gir jordmødrene årleg opplæring i akutte fødslar og held
utstyret ved like.

## 2.3 Barselomsorg

Mor og barn blir normalt skrivne ut frå barselavdelinga mellom seks og
72 timar etter fødselen. Helseføretaket sender melding om fødselen og om
eventuelle særlege behov til helsestasjonen same dag som mor og barn reiser
heim. Jordmor frå kommunen tilbyr heimebesøk innan tre dagar etter
heimkomst, og helsesjukepleiar følgjer opp vidare. Helseføretaket driv
ammepoliklinikk og gir helsestasjonen rettleiing på telefon heile døgnet.

# 3. Samarbeid om IKT-løysingar lokalt

## 3.1 Meldingsutveksling

Partane skal nytte elektroniske meldingar over Helsenettet for tilvising,
epikrise, pleie- og omsorgsmeldingar og dialogmeldingar. Kvar part skal halde
meldingsstandardane oppdaterte i eigne system og sørgje for at meldingane går
til rett mottakar i adresseregisteret. Dialogmeldingar skal svarast på innan
to verkedagar, og meldingar om utskrivingsklare pasientar skal lesast same dag.

## 3.2 Kjernejournal og legemiddelliste

Partane skal nytte kjernejournal og pasienten si legemiddelliste når
løysingane er tilgjengelege i eigne system. Kvar part sørgjer for at eige
helsepersonell har tilgang og får opplæring. Partane evaluerer bruken i
IKT-forumet kvart år.

## 3.3 Felles prosjekt

Partane samarbeider om innføring av digital heimeoppfølging for pasientar med
kroniske sjukdomar og om videokonsultasjon mellom sjukehuset, fastlegane og
dei kommunale tenestene. Kvart felles prosjekt skal ha ei styringsgruppe med
representantar frå begge partar, ein prosjektplan og ein avtale om korleis
kostnadene skal fordelast før prosjektet startar.

## 3.4 Forvalting og drift

Partane har eit felles IKT-forum med representantar for IKT-avdelingane,
fagsystemeigarane og brukarane. Forumet møtest fire gonger i året og følgjer
opp den lokale samhandlinga:

- Endringar i system som påverkar den andre parten, skal varslast minst åtte
  veker før dei blir sette i drift, og skal testast saman før innføring.
- Feil i meldingsflyten skal meldast til den andre parten si brukarstøtte
  same dag, og partane skal ha eit kontaktpunkt for feilretting i opningstida.
- Planlagde driftsstans skal varslast minst ei veke i førevegen.

# 4. Samarbeid om førebygging

## 4.1 Folkehelsearbeid

Kommunen har ansvaret for oversikta over helsetilstanden i befolkninga og for
folkehelsearbeidet. Helseføretaket deler data om skadar, sjukdomsbilete og
forbruk av spesialisthelsetenester til bruk i oversiktsdokumentet, og ein
representant frå helseføretaket deltek i det kommunale folkehelseforumet to
gonger i året.

## 4.2 Frisklivssentral

Sjukehuslegar og poliklinikkar tilviser pasientar med behov for endring av
levevanar, til dømes fysisk aktivitet, kosthald eller røykeslutt, til
frisklivssentralen i kommunen. Frisklivssentralen gir tilbakemelding til
tilvisar når tilbodet er avslutta. Partane samarbeider om felles
kompetanseheving i samtalar om levevanar.

## 4.3 Felles kampanjar og smittevern

Partane gjennomfører kvart år felles kampanjar om influensavaksinering,
fallførebygging og rett bruk av antibiotika, etter ein plan som blir vedteken
i det lokale samarbeidsutvalet innan 1. september. Smittevernlegane hos
partane har fast kontakt, varslar kvarandre om utbrot og samordnar
vaksinasjon av tilsette.
"""

DELAVTALE_5 = """
!title Delavtale 5 – Omforente beredskapsplaner og den akuttmedisinske kjeden
!sub Delavtale til samarbeidsavtalen mellom Storfjell kommune og Helse Nordvik HF (§ 6-2 første ledd nr. 11)

# 1. Formål og virkeområde

Delavtalen skal sikre at partenes beredskapsplaner er omforente, slik at
partene kan håndtere kriser og større hendelser sammen, og at den
akuttmedisinske kjeden fungerer sammenhengende fra første henvendelse til
behandling i kommunen eller i sykehuset. Delavtalen gjelder kommunens
kriseledelse, legevakten og helse- og omsorgstjenestene, og helseforetakets
beredskapsledelse, AMK-sentral, ambulansetjeneste og akuttmottak.

# 2. Omforente beredskapsplaner

## 2.1 Beredskapsplaner

Hver part har en helseberedskapsplan etter helseberedskapsloven, og planene
skal samordnes slik at de bygger på de samme forutsetningene. Partene skal:

- utveksle beredskapsplaner og oppdaterte varslingslister innen 1. februar
  hvert år
- beskrive i planene hvordan den andre parten varsles, hvem som leder
  innsatsen og hvilken kapasitet som kan stilles til disposisjon
- ha omforente planer for pandemi og større smitteutbrudd, masseskadehendelser,
  evakuering av sykehjem og bortfall av strøm, vann og tele
- sikre forsyning av legemidler og smittevernutstyr, slik at kommunen kan
  få bistand fra helseforetakets sykehusapotek i en krise

## 2.2 Risiko- og sårbarhetsanalyser

Partene deler risiko- og sårbarhetsanalyser (ROS) og deltar i hverandres
analysearbeid. Kommunens helhetlige ROS-analyse skal ta hensyn til
helseforetakets funksjoner, og helseforetakets ROS-analyse skal omfatte
hendelser som rammer kommunens tjenester. Analysene oppdateres minst hvert
fjerde år og ved vesentlige endringer.

## 2.3 Varsling og ledelse

AMK-sentralen er varslingspunkt for helseforetaket hele døgnet. Kommunen
varsler helseforetaket gjennom AMK ved hendelser som kan kreve bistand, og
helseforetaket varsler kommunen gjennom legevakten, som videreformidler til
kommunens kriseledelse. Ved hendelser som berører begge parter, etablerer
partene en felles situasjonsforståelse i et samvirkemøte innen to timer.

## 2.4 Øvelser

Partene gjennomfører minst én felles øvelse hvert år, vekselvis som
varslingsøvelse og fullskalaøvelse. Øvelsen evalueres innen seks uker, og
læringspunktene følges opp av det faglige samarbeidsutvalget for akuttmedisin
og beredskap.

# 3. Den akuttmedisinske kjeden

## 3.1 Legevakt

Kommunen driver legevakt ved Storfjell helsesenter hele døgnet.
Legevaktsentralen svarer på telefon 116 117 og skal oppfylle kravene i
akuttmedisinforskriften. Legevaktlegen skal rykke ut når det er medisinsk
nødvendig, og skal alltid kunne nås av AMK-sentralen.

## 3.2 AMK-sentralen

Helseforetaket driver AMK-sentralen, som tar imot nødmeldinger på 113 og
koordinerer ambulanseressursene. Ved hendelser med rød respons i kommunen
varsler AMK-sentralen legevaktlegen samtidig med ambulansen. AMK-sentralen og
legevaktsentralen har felles prosedyre for overføring av samtaler.

## 3.3 Ambulansetjenesten

Helseforetaket har ansvaret for ambulansetjenesten og har en døgnbemannet
ambulansestasjon i Storfjell. I områder med lang responstid samarbeider
ambulansetjenesten med kommunens akutthjelpere i brannvesenet. Kommunen
sørger for at akutthjelperne har nødvendig opplæring, og helseforetaket gir
dem årlig trening og medisinskfaglig veiledning.

## 3.4 Nødnett og samband

Legevakten, ambulansetjenesten og AMK-sentralen bruker Nødnett og har felles
talegrupper for helse. Sambandet testes hver måned, og feil meldes til
helseforetakets kontaktpunkt samme dag.

## 3.5 Felles trening

Partene gjennomfører felles trening i akuttmedisin for legevaktleger,
sykepleiere og ambulansepersonell minst to ganger i året, med vekt på
samhandling på skadestedet og overlevering av pasienter.
"""

DELAVTALE_6 = """
!title Delavtale 6 – Felles planlegging og utvikling av tjenestene, barn og unge med sammensatte behov og samarbeidstiltak
!sub Delavtale til samarbeidsavtalen mellom Storfjell kommune og Helse Nordvik HF (§ 6-2 første ledd nr. 12 og 13 og annet ledd)

# 1. Formål

Delavtalen beskriver hvordan partene sammen planlegger og utvikler
tjenestene, hvordan de samarbeider om barn og unge med sammensatte vansker og
lidelser, og hvordan samarbeidstiltakene mellom partene er organisert og
finansiert.

# 2. Felles planlegging og utvikling av tjenestene

## 2.1 Felles virkelighetsforståelse

Partene utarbeider hvert annet år en felles analyse av befolkningens behov,
forbruket av tjenester og forventet utvikling fram mot 2035. Analysen
utarbeides av helseforetakets analyseavdeling sammen med kommunens
folkehelsekoordinator og legges fram for strategisk samarbeidsutvalg før
sommeren. Den er grunnlaget for partenes prioriteringer.

## 2.2 Styringsdata

Partene deler styringsdata for å følge utviklingen og effekten av tiltak.
Sekretariatet sammenstiller dataene og legger dem fram for strategisk
samarbeidsutvalg hvert kvartal. Styringsdataene omfatter blant annet:

- antall innleggelser og reinnleggelser innen 30 dager per tusen innbyggere
- liggedøgn for utskrivningsklare pasienter
- belegg og liggetid i kommunens døgnopphold for øyeblikkelig hjelp
- ventetid til poliklinikk og DPS for pasientgruppene som er prioritert
- antall avviksmeldinger i samhandlingen

## 2.3 Prioriterte pasientgrupper

Partene prioriterer barn og unge, personer med alvorlige psykiske lidelser og
rusproblemer, skrøpelige eldre og personer med flere kroniske lidelser. For
hver gruppe skal det faglige samarbeidsutvalget lage og vedlikeholde et felles
pasientforløp som beskriver hvem som gjør hva.

## 2.4 Handlingsplan

Strategisk samarbeidsutvalg vedtar en rullerende toårig handlingsplan med
konkrete tiltak, ansvarlig part, ressursbehov og frist for hvert tiltak.
Tiltakene skal begrunnes i analysen og styringsdataene, og status rapporteres
i hvert møte.

## 2.5 Årlig plansyklus

Planleggingen følger en fast årlig syklus i strategisk samarbeidsutvalg:

- første kvartal: styringsdata for foregående år og status for
  handlingsplanen; årlig gjennomgang av samarbeidsavtalen
- andre kvartal: partnerskapsmøtet vedtar prioriteringer for neste år
- tredje kvartal: partene innarbeider tiltakene i egne budsjetter og
  økonomiplaner
- fjerde kvartal: revidert handlingsplan vedtas

## 2.6 Involvering i hverandres planer

Kommunen involverer helseforetaket i arbeidet med helse- og omsorgsplanen, og
helseforetaket involverer kommunen i arbeidet med utviklingsplanen. Hver part
sender utkast på høring til den andre parten med minst seks ukers frist.
Planlagte endringer som påvirker den andre parten vesentlig, skal varsles
minst seks måneder før de gjennomføres.

# 3. Barn og unge med sammensatte vansker og lidelser

## 3.1 Målgruppe

Avtalen gjelder barn og unge under 18 år med sammensatte vansker og lidelser,
for eksempel alvorlig somatisk sykdom, utviklingsforstyrrelser, psykiske
lidelser eller rusproblemer, som mottar tjenester både fra kommunen og fra
helseforetaket.

## 3.2 Barnekoordinator

Kommunen oppnevner barnekoordinator for familier som har eller venter barn med
alvorlig sykdom, skade eller funksjonsnedsettelse, og som har behov for
langvarige og sammensatte tjenester. Helseforetaket skal varsle kommunens
koordinerende enhet når det er behov for barnekoordinator, og oppnevner en
fast kontaktperson for barnet i spesialisthelsetjenesten. Barnekoordinatoren
og kontaktpersonen har kontakt minst hver tredje måned.

## 3.3 Koordinering av tjenestene

Barnet skal ha én individuell plan og én ansvarsgruppe med deltakere fra
begge nivåene, barnehage eller skole og familien. Barne- og
ungdomspsykiatrisk poliklinikk (BUP), barneavdelingen og
habiliteringstjenesten for barn deltar i ansvarsgruppen når barnet får
tjenester derfra. Helsestasjonen og skolehelsetjenesten varsler fastlegen og
helseforetaket når de ser behov for utredning. Ved innleggelse av barn med
individuell plan kontakter sykehuset barnekoordinatoren innen ett virkedøgn.

## 3.4 Overgang til voksen alder

Overgangen til voksentjenestene skal planlegges fra barnet er 16 år. Senest
seks måneder før barnet fyller 18 år holder partene et overføringsmøte med
ungdommen, foresatte, barnekoordinatoren og de aktuelle voksentjenestene, som
DPS og kommunens tjenester for psykisk helse og rus. Barnekoordinatoren
overleverer til kommunens koordinator for voksne, og BUP avslutter ikke
behandlingen før oppfølgingen i voksentjenestene er bekreftet.

## 3.5 Felles fagråd for barn og unge

Partene har et felles fagråd for barn og unge som møtes hver måned. Fagrådet
består av representanter for helsestasjonen, barneverntjenesten, PP-tjenesten,
BUP, barneavdelingen og habiliteringstjenesten for barn. Fagrådet drøfter
saker der samarbeidet har stoppet opp, med samtykke fra foresatte eller
anonymt, og kan anbefale tiltak og ansvarsfordeling. Kommunens koordinerende
enhet er sekretariat.

# 4. Samarbeidstiltak (§ 6-2 annet ledd)

## 4.1 Oversikt over samarbeidstiltak

Tabellen viser ansvar, herunder arbeidsgiveransvar, organisering og
finansiering for de faste samarbeidstiltakene mellom partene.

| Samarbeidstiltak | Ansvar og arbeidsgiveransvar | Organisering | Finansiering
| Ambulant team for psykisk helse og rus (FACT Storfjell) | Helseforetaket er arbeidsgiver for psykiater, psykolog og spesialsykepleier og har det medisinskfaglige ansvaret for behandlingen. Kommunen er arbeidsgiver for sine tre ansatte (sykepleier, sosionom og erfaringskonsulent). | Teamet har base ved Storfjell DPS. Teamlederen er ansatt i helseforetaket og har den daglige ledelsen; kommunen utpeker en fagkoordinator. En styringsgruppe med to ledere fra hver part følger opp teamet og rapporterer årlig til det lokale samarbeidsutvalget. | Hver part lønner egne ansatte. Felles driftsutgifter til lokaler, biler og utstyr deles likt og faktureres av helseforetaket hvert halvår.
| Felles stilling som samhandlingskoordinator (100 %) | Helseforetaket er arbeidsgiver. Kommunen gir arbeidsoppgavene for den delen av stillingen som utføres i kommunen, etter avtale med nærmeste leder. | Stillingen er plassert i helseforetakets samhandlingsavdeling med kontorplass både på Nordvik sykehus og på Storfjell rådhus. Nærmeste leder er samhandlingssjefen. Koordinatoren rapporterer til det lokale samarbeidsutvalget. | Helseforetaket utbetaler lønn. Kommunen refunderer 50 prosent av lønn og sosiale kostnader etter faktura hvert kvartal. Reiseutgifter dekkes av den parten reisen gjelder.
| Ambulant geriatrisk team | Helseforetaket er arbeidsgiver for geriater og sykepleier. Kommunen er arbeidsgiver for ergoterapeuten i 50 prosent stilling. | Teamet har base ved geriatrisk poliklinikk ved Nordvik sykehus og ledes av seksjonsleder for geriatri. Teamet gjør besøk i hjemmet og i sykehjem etter henvisning fra fastlege og rapporterer halvårlig til det faglige samarbeidsutvalget for eldre. | Helseforetaket finansierer egne stillinger og biler. Kommunen finansierer ergoterapeutstillingen. Det er ikke økonomisk oppgjør mellom partene.

## 4.2 Mindre samarbeidsaktiviteter

For mindre samarbeidsaktiviteter som ikke står i tabellen, for eksempel
faglige nettverk, felles kurs, arbeidsgrupper og prosjekter under ett årsverk,
gjelder følgende:

- Hver part er arbeidsgiver for og lønner egne ansatte som deltar, og dekker
  egne reise- og oppholdsutgifter.
- Det lokale samarbeidsutvalget organiserer aktivitetene, gir skriftlig
  mandat og utpeker en leder for hver aktivitet.
- Utgifter til lokaler og servering dekkes av den parten som er vertskap.

## 4.3 Nye samarbeidstiltak

Før et nytt samarbeidstiltak settes i gang, skal partene inngå en skriftlig
avtale som avklarer ansvar og arbeidsgiveransvar, organisering og
finansiering. Avtalen godkjennes av strategisk samarbeidsutvalg og tas inn i
tabellen ved neste revisjon av delavtalen. Et tiltak kan bare avvikles med
minst seks måneders skriftlig varsel.
"""

MANGELFULL = """
!title Samarbeidsavtale mellom Lundvær kommune og Helse Nordvik HF
!sub Vedtatt 3. mai 2024

# 1. Parter

Avtalen er inngått mellom Lundvær kommune (heretter kalt kommunen) og Helse
Nordvik HF (heretter kalt helseforetaket). Kommunen representeres ved
kommunedirektøren og helseforetaket ved administrerende direktør.

# 2. Formål

Avtalen skal bidra til at pasienter og brukere mottar helhetlige og
sammenhengende helse- og omsorgstjenester, og til at partene har en felles
forståelse av hvem som har ansvaret for hvilke oppgaver. Avtalen er inngått
i samsvar med helse- og omsorgstjenesteloven § 6-1.

# 3. Oppgave- og ansvarsfordeling

Hver part har et selvstendig ansvar for å oppfylle sine lovpålagte plikter.
Kommunen har ansvaret for allmennlegetjenester, helsetjenester i hjemmet,
sykehjem og kommunal rehabilitering. Helseforetaket har ansvaret for
spesialisthelsetjenester, herunder utredning, behandling og spesialisert
rehabilitering, og skal gi kommunens helsepersonell råd og veiledning.

I grenseområdene har partene blitt enige om følgende fordeling av tiltak:

- Sårbehandling: helseforetaket lager en plan for stell av såret, kommunen
  står for daglig stell og oppfølging etter planen.
- Lindrende behandling: kommunen følger opp pasienten i hjemmet og i
  sykehjem, helseforetakets palliative team gir råd på telefon og gjør
  hjemmebesøk ved behov.
- Intravenøs behandling: helseforetaket starter behandlingen og leverer plan
  og utstyr, kommunen fullfører behandlingen når pasienten er stabil.

Ingen part kan overføre oppgaver til den andre uten skriftlig avtale. Forslag
om overføring skal inneholde en vurdering av kompetanse, bemanning og
økonomi, og en overføring kan tidligst skje seks måneder etter at partene er
enige.

# 4. Pasienter med behov for koordinerte tjenester

Kommunen har hovedansvaret for individuell plan når pasienten mottar
tjenester fra begge nivåene. Helseforetaket varsler kommunens koordinerende
enhet når det ser behov for individuell plan eller koordinator, og oppnevner
selv koordinator for pasienter med behov for komplekse eller langvarige
spesialisthelsetjenester.

Ved innleggelse kartlegger sykehuset om pasienten har individuell plan eller
koordinator og kontakter koordinatoren innen én virkedag. Før utskrivning
inviteres kommunens koordinator til samarbeidsmøte når pasienten trenger nye
tjenester.

Kommunen tilbyr habilitering og rehabilitering som ikke krever spesialisert
kompetanse, herunder hverdagsrehabilitering. Helseforetaket sender med en
rehabiliteringsplan med mål og tiltak når pasienten skrives ut fra
spesialisert rehabilitering. Lærings- og mestringssenteret ved Nordvik sykehus
tilbyr kurs for pasienter og pårørende, og kommunens tjenester informerer
pasientene om tilbudet og henviser dem dit.

# 5. Innleggelse i sykehus

Fastlegen eller legevaktlegen vurderer behovet for innleggelse. Ved akutt
innleggelse skal henvisende lege ringe vakthavende lege i sykehuset før
pasienten sendes. Henvisningen skal inneholde:

- problemstilling, funn og foreløpig vurdering
- oppdatert legemiddelliste og kjent allergi
- pasientens funksjonsnivå og hvilke kommunale tjenester pasienten mottar
- navn på pårørende og eventuell koordinator

Når en pasient som mottar kommunale tjenester blir lagt inn, sender
hjemmetjenesten eller sykehjemmet en innleggelsesrapport til sykehuset samme
dag. Ambulanse bestilles gjennom AMK-sentralen.

# 6. Utskrivningsklare pasienter

Senest 24 timer etter innleggelse skal sykehuset varsle kommunen dersom
pasienten antas å ha behov for kommunale tjenester etter utskrivning. Varselet
skal inneholde diagnose, antatt funksjonsnivå og forventet utskrivningsdato.

Sykehuset sender melding om utskrivningsklar pasient samme dag som lege har
vurdert pasienten som utskrivningsklar etter forskrift om kommunal betaling
for utskrivningsklare pasienter. Kommunen svarer innen kl. 14 samme dag om den
kan ta imot pasienten. Epikrise og oppdatert legemiddelliste skal følge
pasienten ved utskrivning. Pasienten skal ikke skrives ut etter kl. 18.

Kommunen betaler for utskrivningsklare pasienter som blir liggende i
sykehuset fra og med dagen etter at melding er mottatt, i samsvar med
forskriften. Det er ikke betalingsplikt dersom varsel eller melding ikke er
sendt.

# 7. Kunnskapsoverføring, informasjonsutveksling og hospitering

Helseforetaket gir kommunens helsepersonell råd og veiledning om
enkeltpasienter og ambulant veiledning når pasienter med særlige behov
skrives ut. Partene informerer hverandre om endringer i tjenestetilbud og
kontaktpunkter minst tre måneder før endringen trer i kraft, og holder en
oppdatert liste over kontaktpersoner.

Partene drifter faglige nettverk for sårbehandling og lindrende behandling
som møtes minst to ganger i året. Ansatte hos begge parter kan hospitere hos
den andre parten etter avtale mellom nærmeste ledere. Den som hospiterer,
signerer taushetserklæring hos mottakende enhet.

# 8. Forskning og utdanning

Se delavtale 7 om forskning og utdanning.

# 9. Jordmortjenester

# 10. IKT-løsninger

I henhold til helse- og omsorgstjenesteloven § 6-2 første ledd nr. 9 skal
avtalen som et minimum omfatte samarbeid om IKT-løsninger lokalt. Partene skal
samarbeide om IKT-løsninger lokalt.

# 11. Forebygging

Partene skal samarbeide om forebygging.

# 12. Beredskap og akuttmedisinsk kjede

Partene utveksler beredskapsplaner og varslingslister innen 1. februar hvert
år og samordner planene for pandemi, masseskadehendelser og bortfall av strøm
og vann. Partene deler risiko- og sårbarhetsanalyser (ROS) og deltar i
hverandres analysearbeid. Partene gjennomfører minst én felles øvelse i året,
og øvelsen evalueres innen seks uker.

AMK-sentralen er varslingspunkt for helseforetaket hele døgnet. Kommunen
driver legevakt som svarer på telefon 116 117, og legevaktlegen skal alltid
kunne nås av AMK-sentralen. Helseforetaket har ansvaret for
ambulansetjenesten og har en ambulansestasjon i Lundvær. Ved hendelser med
rød respons varsler AMK-sentralen legevaktlegen samtidig med ambulansen.

# 13. Samarbeidstiltak

Partene har etablert et felles sårteam for pasienter med kroniske sår.
Kostnadene ved sårteamet deles likt mellom partene. Helseforetaket fakturerer
kommunen for kommunens halvdel hvert halvår, og hver part dekker selv egne
reiseutgifter og eget forbruksmateriell.

# 14. Avvik og uenighet

Avvik fra avtalen meldes skriftlig til den andre partens kontaktperson, som
svarer innen tre uker. Uenighet om avtalen skal først søkes løst mellom de
involverte tjenestestedene, deretter mellom partenes kontaktpersoner for
avtalen. Fører ikke dette fram, kan hver av partene bringe saken inn for den
nasjonale tvisteløsningsnemnda.

# 15. Varighet, revisjon og oppsigelse

Avtalen trer i kraft 1. juni 2024. Partenes kontaktpersoner gjennomgår
avtalen innen 1. mars hvert år. Endringer skal være skriftlige og godkjennes
av begge parter. Avtalen kan sies opp skriftlig med tolv måneders frist.

| For Lundvær kommune | For Helse Nordvik HF
| Anne Berg, kommunedirektør | Tor Aune, administrerende direktør
"""


# --------------------------------------------------------------------------
# Markup parser
# --------------------------------------------------------------------------


def parse(src: str) -> list[tuple[str, object]]:
    """Turn the line markup into blocks: (kind, text | list[str] | list[list[str]])."""
    blocks: list[tuple[str, object]] = []
    para: list[str] = []
    bullets: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if para:
            blocks.append(("p", " ".join(para)))
            para.clear()
        if bullets:
            blocks.append(("ul", list(bullets)))
            bullets.clear()
        if rows:
            blocks.append(("table", [list(r) for r in rows]))
            rows.clear()

    for raw in src.strip("\n").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("!title ") or line.startswith("!sub "):
            flush()
            kind, text = line[1:].split(" ", 1)
            blocks.append((kind, text))
        elif line.startswith("## "):
            flush()
            blocks.append(("h2", line[3:]))
        elif line.startswith("# "):
            flush()
            blocks.append(("h1", line[2:]))
        elif line.startswith("- "):
            if para or rows:
                flush()
            bullets.append(line[2:])
        elif line.startswith("|"):
            if para or bullets:
                flush()
            rows.append([c.strip() for c in line.strip("|").split(" | ")])
        elif bullets and raw.startswith("  "):
            bullets[-1] += " " + line  # continuation of a bullet
        else:
            if bullets or rows:
                flush()
            para.append(line)
    flush()
    return blocks


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"

PDF_STYLES = {
    "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4),
    "sub": ParagraphStyle(
        "sub",
        fontName=FONT,
        fontSize=10,
        leading=13,
        spaceAfter=12,
        textColor=colors.HexColor("#444444"),
    ),
    "h1": ParagraphStyle(
        "h1", fontName=FONT_BOLD, fontSize=13, leading=16, spaceBefore=12, spaceAfter=5
    ),
    "h2": ParagraphStyle(
        "h2", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=3
    ),
    "p": ParagraphStyle("p", fontName=FONT, fontSize=10.5, leading=14.5, spaceAfter=6),
    "li": ParagraphStyle(
        "li",
        fontName=FONT,
        fontSize=10.5,
        leading=14.5,
        leftIndent=14,
        bulletIndent=3,
        spaceAfter=2,
    ),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=10.5),
    "cellh": ParagraphStyle("cellh", fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
}


def _numbered_canvas():
    """A canvas that adds the footer "Side X av Y" to every page once the total is known."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            width, _ = A4
            self.saveState()
            self.setFont(FONT, 8.5)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawCentredString(width / 2, 11 * mm, f"Side {self._pageNumber} av {total}")
            self.restoreState()

    return NumberedCanvas


def _header_drawer(header: str):
    """onPage callback: the running header, drawn before the page's body text."""

    def draw(canv, _doc) -> None:
        width, height = A4
        canv.saveState()
        canv.setFont(FONT, 8.5)
        canv.setFillColor(colors.HexColor("#555555"))
        canv.drawString(22 * mm, height - 13 * mm, header)
        canv.setStrokeColor(colors.HexColor("#999999"))
        canv.setLineWidth(0.5)
        canv.line(22 * mm, height - 15 * mm, width - 22 * mm, height - 15 * mm)
        canv.restoreState()

    return draw


def _pdf_table(rows: list[list[str]], width: float) -> Table:
    ncols = len(rows[0])
    if ncols == 2 and len(rows) <= 4:  # signature block
        data = [[Paragraph(escape(c), PDF_STYLES["p"]) for c in r] for r in rows]
        t = Table(data, colWidths=[width / 2] * 2)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t
    data = [
        [Paragraph(escape(c), PDF_STYLES["cellh" if i == 0 else "cell"]) for c in r]
        for i, r in enumerate(rows)
    ]
    first = width * (0.2 if ncols > 3 else 0.22)
    rest = (width - first) / (ncols - 1)
    t = Table(data, colWidths=[first] + [rest] * (ncols - 1), repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def build_pdf(blocks, path: Path, *, title: str, header: str, lang: str = "nb-NO") -> None:
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=24 * mm,
        bottomMargin=22 * mm,
        title=title,
        author=AUTHOR,
        subject="Samarbeidsavtale etter helse- og omsorgstjenesteloven § 6-2 (fiktivt eksempel)",
        creator="samlint examples/build_examples.py",
        lang=lang,
        invariant=1,
    )
    story = []
    headings: list = []  # headings waiting to be kept together with what follows
    for kind, content in blocks:
        if kind in ("title", "sub", "h1", "h2", "p"):
            flows = [Paragraph(escape(content), PDF_STYLES[kind])]
        elif kind == "ul":
            flows = [Paragraph(escape(item), PDF_STYLES["li"], bulletText="•") for item in content]
            flows.append(Spacer(1, 4))
        elif kind == "table":
            flows = [Spacer(1, 2), _pdf_table(content, doc.width), Spacer(1, 6)]
        else:
            raise ValueError(kind)
        if kind in ("h1", "h2"):
            headings.extend(flows)
        elif headings:
            story.append(KeepTogether([*headings, flows[0]]))
            story.extend(flows[1:])
            headings = []
        else:
            story.extend(flows)
    story.extend(headings)
    draw_header = _header_drawer(header)
    doc.build(
        story,
        onFirstPage=draw_header,
        onLaterPages=draw_header,
        canvasmaker=_numbered_canvas(),
    )


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

# Optional parts of python-docx's template that only add size.
DROP_PARTS = {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"}


def _set_lang(style, lang: str) -> None:
    rpr = style.element.get_or_add_rPr()
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    rpr.append(el)


def _docx_table(doc, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(9)
            if i == 0:
                run.bold = True
    doc.add_paragraph()


def build_docx(blocks, path: Path, *, title: str, header: str, lang: str = "nb-NO") -> None:
    doc = DocxDocument()
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        _set_lang(doc.styles[name], lang)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    section = doc.sections[0]
    hp = section.header.paragraphs[0]
    hp.text = header
    hp.runs[0].font.size = Pt(8)

    for kind, content in blocks:
        if kind == "title":
            doc.add_paragraph(content, style="Title")
        elif kind == "sub":
            doc.add_paragraph(content).runs[0].italic = True
        elif kind == "h1":
            doc.add_heading(content, level=1)
        elif kind == "h2":
            doc.add_heading(content, level=2)
        elif kind == "p":
            doc.add_paragraph(content)
        elif kind == "ul":
            for item in content:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            _docx_table(doc, content)
        else:
            raise ValueError(kind)

    cp = doc.core_properties
    cp.title = title
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.subject = "Samarbeidsavtale etter helse- og omsorgstjenesteloven § 6-2 (fiktivt eksempel)"
    cp.comments = "Fiktivt eksempel generert av examples/build_examples.py"
    cp.keywords = "samarbeidsavtale; helsefellesskap; eksempel"
    cp.language = lang
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.last_printed = FIXED_DATE

    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    """Re-zip with sorted entries, a fixed timestamp and without optional parts."""
    src = zipfile.ZipFile(io.BytesIO(data))
    entries = {}
    for name in src.namelist():
        if name in DROP_PARTS:
            continue
        body = src.read(name)
        if name == "[Content_Types].xml" or name.endswith(".rels"):
            for part in DROP_PARTS:
                base = part.split("/")[-1]
                body = re.sub(
                    rb"<(Override|Relationship)\b[^>]*" + re.escape(base.encode()) + rb"[^>]*/>",
                    b"",
                    body,
                )
        entries[name] = body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def _title(blocks) -> str:
    return next(c for k, c in blocks if k == "title")


def main() -> int:
    komplett = HERE / "komplett"
    komplett.mkdir(exist_ok=True)
    parties = f"{KOMMUNE} og {HF}"

    jobs = [
        (
            "pdf",
            HOVEDAVTALE,
            komplett / "hovedavtale.pdf",
            f"{parties} – Samarbeidsavtale (hovedavtale)",
            "nb-NO",
        ),
        (
            "docx",
            DELAVTALE_1,
            komplett / "delavtale-1-oppgaver-og-koordinering.docx",
            f"{parties} – Delavtale 1",
            "nb-NO",
        ),
        (
            "docx",
            DELAVTALE_2,
            komplett / "delavtale-2-innleggelse-ohd-utskrivning.docx",
            f"{parties} – Delavtale 2",
            "nb-NO",
        ),
        (
            "pdf",
            DELAVTALE_3,
            komplett / "delavtale-3-kompetanse-forskning.pdf",
            f"{parties} – Delavtale 3",
            "nb-NO",
        ),
        (
            "docx",
            DELAVTALE_4,
            komplett / "delavtale-4-jordmor-ikt-forebygging.docx",
            f"{KOMMUNE} og {HF} – Delavtale 4",
            "nn-NO",
        ),
        (
            "docx",
            DELAVTALE_5,
            komplett / "delavtale-5-beredskap-akuttkjede.docx",
            f"{parties} – Delavtale 5",
            "nb-NO",
        ),
        (
            "docx",
            DELAVTALE_6,
            komplett / "delavtale-6-planlegging-barn-unge-samarbeidstiltak.docx",
            f"{parties} – Delavtale 6",
            "nb-NO",
        ),
        (
            "pdf",
            MANGELFULL,
            HERE / "mangelfull.pdf",
            f"Lundvær kommune og {HF} – Samarbeidsavtale",
            "nb-NO",
        ),
        (
            "docx",
            MANGELFULL,
            HERE / "mangelfull.docx",
            f"Lundvær kommune og {HF} – Samarbeidsavtale",
            "nb-NO",
        ),
    ]
    for fmt, src, path, header, lang in jobs:
        blocks = parse(src)
        build = build_pdf if fmt == "pdf" else build_docx
        build(blocks, path, title=_title(blocks), header=header, lang=lang)
        print(f"{path.relative_to(HERE)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
