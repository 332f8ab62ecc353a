<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>%n protected people are left out: inside Russia, marked protected, or decided the same person as one.</source>
        <translation>
            <numerusform>%n protected person is left out: inside Russia, marked protected, or decided the same person as one.</numerusform>
            <numerusform>%n protected people are left out: inside Russia, marked protected, or decided the same person as one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n protected people travel only as pseudonyms, with no name or details: inside Russia, marked protected, or decided the same person as one.</source>
        <translation>
            <numerusform>%n protected person travels only as a pseudonym, with no name or details: inside Russia, marked protected, or decided the same person as one.</numerusform>
            <numerusform>%n protected people travel only as pseudonyms, with no name or details: inside Russia, marked protected, or decided the same person as one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records about them are left out too (ties, support, evaluations).</source>
        <translation>
            <numerusform>%n record about them is left out too (ties, support, evaluations).</numerusform>
            <numerusform>%n records about them are left out too (ties, support, evaluations).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records about them are left out as they are; a tie travels only between pseudonyms.</source>
        <translation>
            <numerusform>%n record about them is left out as it is; a tie travels only between pseudonyms.</numerusform>
            <numerusform>%n records about them are left out as they are; a tie travels only between pseudonyms.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records are above the highest sensitivity sent ({0}), or concern one that is, and are left out.</source>
        <translation>
            <numerusform>%n record is above the highest sensitivity sent ({0}), or concerns one that is, and is left out.</numerusform>
            <numerusform>%n records are above the highest sensitivity sent ({0}), or concern one that is, and are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deleted records are left out: only the fact that they were deleted travels. So is a record that points to one this vault does not hold (its erasure waits for your decision).</source>
        <translation>
            <numerusform>%n deleted record is left out: only the fact that it was deleted travels. So is a record that points to one this vault does not hold (its erasure waits for your decision).</numerusform>
            <numerusform>%n deleted records are left out: only the fact that they were deleted travels. So is a record that points to one this vault does not hold (its erasure waits for your decision).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records are left out.</source>
        <translation>
            <numerusform>%n record is left out.</numerusform>
            <numerusform>%n records are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fields more sensitive than the highest level sent are blanked in %n records: {0}.</source>
        <translation>
            <numerusform>Fields more sensitive than the highest level sent are blanked in %n record: {0}.</numerusform>
            <numerusform>Fields more sensitive than the highest level sent are blanked in %n records: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Free text that names a protected person is blanked in %n records: {0}.</source>
        <translation>
            <numerusform>Free text that names a protected person is blanked in %n record: {0}.</numerusform>
            <numerusform>Free text that names a protected person is blanked in %n records: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Links to protected people are removed from %n records: {0}.</source>
        <translation>
            <numerusform>Links to protected people are removed from %n record: {0}.</numerusform>
            <numerusform>Links to protected people are removed from %n records: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Links to records that are left out are removed from %n records: {0}.</source>
        <translation>
            <numerusform>Links to records that are left out are removed from %n record: {0}.</numerusform>
            <numerusform>Links to records that are left out are removed from %n records: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Links to records this vault does not hold (their erasure waits for your decision) are removed from %n records: {0}.</source>
        <translation>
            <numerusform>Links to records this vault does not hold (their erasure waits for your decision) are removed from %n record: {0}.</numerusform>
            <numerusform>Links to records this vault does not hold (their erasure waits for your decision) are removed from %n records: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fields are blanked in %n records: {0}.</source>
        <translation>
            <numerusform>Fields are blanked in %n record: {0}.</numerusform>
            <numerusform>Fields are blanked in %n records: {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records the recipients already hold are now protected: the bundle tells them to protect their copies.</source>
        <translation>
            <numerusform>%n record the recipients already hold is now protected: the bundle tells them to protect their copies.</numerusform>
            <numerusform>%n records the recipients already hold are now protected: the bundle tells them to protect their copies.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n protection notices are held back because not every recipient holds those records: send each official a bundle of their own with “Only protection notices”.</source>
        <translation>
            <numerusform>%n protection notice is held back because not every recipient holds that record: send each official a bundle of their own with “Only protection notices”.</numerusform>
            <numerusform>%n protection notices are held back because not every recipient holds those records: send each official a bundle of their own with “Only protection notices”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This bundle names %n people inside Russia. Write it only if every recipient needs to know them.</source>
        <translation>
            <numerusform>This bundle names %n person inside Russia. Write it only if every recipient needs to know them.</numerusform>
            <numerusform>This bundle names %n people inside Russia. Write it only if every recipient needs to know them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%Ln records</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln actors</source>
        <translation>
            <numerusform>%Ln actor</numerusform>
            <numerusform>%Ln actors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln ties</source>
        <translation>
            <numerusform>%Ln tie</numerusform>
            <numerusform>%Ln ties</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln components</source>
        <translation>
            <numerusform>%Ln component</numerusform>
            <numerusform>%Ln components</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln actors evaluated</source>
        <translation>
            <numerusform>%Ln actor evaluated</numerusform>
            <numerusform>%Ln actors evaluated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>assessors disagree on %Ln of them</source>
        <translation>
            <numerusform>assessors disagree on %Ln of them</numerusform>
            <numerusform>assessors disagree on %Ln of them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln permits</source>
        <translation>
            <numerusform>%Ln permit</numerusform>
            <numerusform>%Ln permits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>of %Ln people</source>
        <translation>
            <numerusform>of %Ln person</numerusform>
            <numerusform>of %Ln people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln new</numerusform>
            <numerusform>%Ln new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updated</source>
        <translation>
            <numerusform>%Ln updated</numerusform>
            <numerusform>%Ln updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unchanged</source>
        <translation>
            <numerusform>%Ln unchanged</numerusform>
            <numerusform>%Ln unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln merged with an earlier row</source>
        <translation>
            <numerusform>%Ln merged with an earlier row</numerusform>
            <numerusform>%Ln merged with earlier rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new beside a namesake (sent to review)</source>
        <translation>
            <numerusform>%Ln new beside a namesake (sent to review)</numerusform>
            <numerusform>%Ln new beside namesakes (sent to review)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rejected</source>
        <translation>
            <numerusform>%Ln rejected</numerusform>
            <numerusform>%Ln rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dry run over all %Ln rows: </source>
        <translation>
            <numerusform>Dry run over the %Ln row: </numerusform>
            <numerusform>Dry run over all %Ln rows: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln more lines are in the saved report.</source>
        <translation>
            <numerusform>%Ln more line is in the saved report.</numerusform>
            <numerusform>%Ln more lines are in the saved report.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records are now protected, and you shared them before.</source>
        <translation>
            <numerusform>%Ln record is now protected, and you shared it before.</numerusform>
            <numerusform>%Ln records are now protected, and you shared them before.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing {0} of %Ln records.</source>
        <translation>
            <numerusform>Showing {0} of %Ln record.</numerusform>
            <numerusform>Showing {0} of %Ln records.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Blind spots: {0} of %Ln regions not covered by any organisation or media</source>
        <translation>
            <numerusform>Blind spots: {0} of %Ln region not covered by any organisation or media</numerusform>
            <numerusform>Blind spots: {0} of %Ln regions not covered by any organisation or media</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln regions covered by no organisation</source>
        <translation>
            <numerusform>%Ln region covered by no organisation</numerusform>
            <numerusform>%Ln regions covered by no organisation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Within %Ln days</source>
        <translation>
            <numerusform>Within %Ln day</numerusform>
            <numerusform>Within %Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>by %Ln points or more</source>
        <translation>
            <numerusform>by %Ln point or more</numerusform>
            <numerusform>by %Ln points or more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This import checks %Ln rows. Back up the vault before importing? (Choose No to import without a backup.)</source>
        <translation>
            <numerusform>This import checks %Ln row. Back up the vault before importing? (Choose No to import without a backup.)</numerusform>
            <numerusform>This import checks %Ln rows. Back up the vault before importing? (Choose No to import without a backup.)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicateCounts</name>
    <message numerus="yes">
        <source>%Ln pair(s) to review.</source>
        <translation>
            <numerusform>%Ln pair to review.</numerusform>
            <numerusform>%Ln pairs to review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvidenceCounts</name>
    <message numerus="yes">
        <source>%Ln name parts do not match</source>
        <translation>
            <numerusform>%Ln name part does not match</numerusform>
            <numerusform>%Ln name parts do not match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>this name is rare here (%Ln records bear it): stronger evidence</source>
        <translation>
            <numerusform>this name is rare here (%Ln record bears it): stronger evidence</numerusform>
            <numerusform>this name is rare here (%Ln records bear it): stronger evidence</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>this name is common here (%Ln records bear it): weaker evidence</source>
        <translation>
            <numerusform>this name is common here (%Ln record bears it): weaker evidence</numerusform>
            <numerusform>this name is common here (%Ln records bear it): weaker evidence</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message numerus="yes">
        <source>is longer than %n characters</source>
        <translation>
            <numerusform>is longer than %n character</numerusform>
            <numerusform>is longer than %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message numerus="yes">
        <source>Copied. The clipboard will be cleared in %n second(s).</source>
        <translation>
            <numerusform>Copied. The clipboard will be cleared in %n second.</numerusform>
            <numerusform>Copied. The clipboard will be cleared in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SharingCounts</name>
    <message numerus="yes">
        <source>%Ln fields restored</source>
        <translation>
            <numerusform>%Ln field restored</numerusform>
            <numerusform>%Ln fields restored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln records deleted</source>
        <translation>
            <numerusform>%Ln record deleted</numerusform>
            <numerusform>%Ln records deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln fields left as they are because they changed since</source>
        <translation>
            <numerusform>%Ln field left as it is because it changed since</numerusform>
            <numerusform>%Ln fields left as they are because they changed since</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %Ln records</source>
        <translation>
            <numerusform>in %Ln record</numerusform>
            <numerusform>in %Ln records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln values</source>
        <translation>
            <numerusform>%Ln value</numerusform>
            <numerusform>%Ln values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>on to %Ln officials</source>
        <translation>
            <numerusform>on to %Ln official</numerusform>
            <numerusform>on to %Ln officials</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %Ln bundles</source>
        <translation>
            <numerusform>Import %Ln bundle</numerusform>
            <numerusform>Import %Ln bundles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of %Ln files were refused and will not be imported.</source>
        <translation>
            <numerusform>{0} of %Ln file was refused and will not be imported.</numerusform>
            <numerusform>{0} of %Ln files were refused and will not be imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln age keys</source>
        <translation>
            <numerusform>%Ln age key</numerusform>
            <numerusform>%Ln age keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln new</numerusform>
            <numerusform>%Ln new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <translation>
            <numerusform>%Ln changed</numerusform>
            <numerusform>%Ln changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deleted</source>
        <translation>
            <numerusform>%Ln deleted</numerusform>
            <numerusform>%Ln deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln erased</source>
        <translation>
            <numerusform>%Ln erased</numerusform>
            <numerusform>%Ln erased</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unchanged</source>
        <translation>
            <numerusform>%Ln unchanged</numerusform>
            <numerusform>%Ln unchanged</numerusform>
        </translation>
    </message>
</context>
</TS>
